"""The embedded system with the demo region loaded, and the calls the allocation tests make
through HTTP: staff on the allocation API, the provider at the gateway."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest

from shared.clock import SystemClock
from shared.ijw import decode, encode
from shared.ijw.model.basis import BirthDate, Header, MessageId, Person, ShortName, Surname, XsdVersion
from tests.support.embedded import settle
from tests.support.regions import region_app

DEMO = Path(__file__).resolve().parents[3] / "examples" / "regions" / "ijsselland.toml"
ZWOLLE, PROVIDER, CLIENT = "0193", "98000001", "999900006"
STAFF = {"Authorization": "Bearer demo-staff-toegang.zwolle"}
OTHER_STAFF = {"Authorization": "Bearer demo-staff-toegang.deventer"}
AS_PROVIDER = {"Authorization": "Bearer demo-aanbieder-98000001"}
TODAY = SystemClock().today()
ALLOCATIONS = "/allocation/v1/allocations"


def region_file(tmp_path: Path) -> Path:
    """The demo region with tariffs valid around today, so the tests do not age with 2026."""
    text = DEMO.read_text().replace("from = 2026-01-01", "from = 2020-01-01").replace("to = 2026-12-31",
                                                                                        "to = 2099-12-31")
    path = tmp_path / "region.toml"
    path.write_text(text)
    return path


@pytest.fixture
async def demo(tmp_path: Path) -> AsyncIterator[tuple[Any, httpx.AsyncClient]]:
    async with region_app(tmp_path / "var", region_file(tmp_path)) as (runtime, client):
        yield runtime, client


def issue_body(**changes: Any) -> dict[str, Any]:
    body = {
        "municipality": ZWOLLE, "client_bsn": CLIENT, "provider_agb": PROVIDER,
        "client": {"birth_date": "2014-03-12", "gender": "2", "surname": "Jansen", "prefix": "de",
                   "initials": "E"},
        "product": {"category": "45", "code": "45A01"}, "start": str(TODAY - timedelta(days=10)),
        "end": str(TODAY + timedelta(days=20)), "extent": {"volume": 2, "unit": "04", "frequency": "2"},
        "referrer_type": "01",
    }
    return {**body, **changes}


async def issue(runtime: Any, client: httpx.AsyncClient, **changes: Any) -> dict[str, Any]:
    issued = await client.post(ALLOCATIONS, json=issue_body(**changes), headers=STAFF)
    assert issued.status_code == 201, issued.text
    await settle(runtime)
    return issued.json()


async def post_message(runtime: Any, client: httpx.AsyncClient, message: Any) -> str:
    posted = await client.post("/gateway/v1/messages", content=encode(message),
                               headers={**AS_PROVIDER, "Content-Type": "application/xml"})
    assert posted.status_code == 202, posted.text
    await settle(runtime)
    return posted.json()["message_id"]


async def mailbox(client: httpx.AsyncClient, code: str) -> list[Any]:
    """The provider's messages of one kind, decoded, oldest first."""
    items = (await client.get("/gateway/v1/mailbox", headers=AS_PROVIDER)).json()
    chosen = [i for i in items if i["message_code"] == code]
    return [decode((await client.get(f"/gateway/v1/mailbox/{i['message_id']}", headers=AS_PROVIDER)).content)
            for i in chosen]


def days(n: int) -> date:
    return TODAY + timedelta(days=n)


def provider_header(identification: str) -> Header:
    return Header(PROVIDER, ZWOLLE, MessageId(identification, TODAY), XsdVersion("1.0.0", "1.0.0"))


def person() -> Person:
    return Person(CLIENT, BirthDate(date(2014, 3, 12)), "2", ShortName(Surname("Jansen", "de"), initials="E"))
