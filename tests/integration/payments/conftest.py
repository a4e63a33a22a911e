"""The embedded runtime with the demo region loaded, and helpers that put settled declarations
and allocations on the bus the way invoicing and allocation publish them."""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest

from services.gateway.handlers.parties import StaffSpec, register_staff
from shared.auth.principal import Role
from shared.bus import Message
from shared.clock import Clock, SystemClock
from shared.events.envelope import Envelope, NewEvent
from shared.exchange.allocation import ALLOCATION_PUBLISHED
from shared.exchange.invoicing import DECLARATION_SETTLED
from tests.support.embedded import embedded_app, settle
from tests.support.prepared import copy_prepared
from tests.support.regions import region_app, region_app_on_postgres

ROOT = Path(__file__).resolve().parents[3]
FINANCE = {"Authorization": "Bearer demo-staff-financien"}
SECOND_FINANCE = {"Authorization": "Bearer demo-staff-financien2"}
"""The demo region's second finance user: approves what FINANCE created (four eyes)."""
CONTROLLER = {"Authorization": "Bearer demo-staff-controller"}
ACCESS_ZWOLLE = {"Authorization": "Bearer demo-staff-toegang.zwolle"}
FINANCE_ZWOLLE = {"Authorization": "Bearer test-staff-financien.zwolle"}
CONTROLLER_ZWOLLE = {"Authorization": "Bearer test-staff-controller.zwolle"}
TODAY = SystemClock().today()


@pytest.fixture
async def region(request: pytest.FixtureRequest, tmp_path: Path,
                 database_kind: str) -> AsyncIterator[tuple[Any, httpx.AsyncClient]]:
    """The demo region; payments on SQLite, or on PostgreSQL in a module that parametrises
    `database_kind` (tests/support/postgres.py, ON_BOTH)."""
    async with demo_region(request, tmp_path, ROOT / "examples/regions/ijsselland.toml", database_kind) as started:
        yield started


@asynccontextmanager
async def demo_region(request: pytest.FixtureRequest, var: Path, region_file: Path, payments_database: str,
                      clock: Clock | None = None) -> AsyncIterator[tuple[Any, httpx.AsyncClient]]:
    """`region_file` loaded, with Zwolle's own finance and controller staff; payments on
    `payments_database` (sqlite or postgres); `clock` runs the services when given."""
    if payments_database == "sqlite" and clock is None:
        # Most tests: the region with Zwolle's staff is made once per run, each test opens a copy.
        async def made(folder: Path) -> None:
            async with region_app(folder, region_file) as (runtime, _):
                await zwolle_staff(runtime)

        await copy_prepared(var, ("payments-demo-region", hashlib.sha256(region_file.read_bytes()).hexdigest()), made)
        async with embedded_app(var) as started:
            yield started
        return
    started = (region_app(var, region_file, clock) if payments_database == "sqlite" else
               region_app_on_postgres(var, region_file, request.getfixturevalue("postgres_cluster"), "payments",
                                      clock))
    async with started as (runtime, client):
        await zwolle_staff(runtime)
        yield runtime, client


async def zwolle_staff(runtime: Any) -> None:
    gateway = runtime.container("gateway").context
    await register_staff(gateway, StaffSpec("financien.zwolle", (Role.FINANCE,), ("0193",),
                                            tokens=("test-staff-financien.zwolle",)))
    await register_staff(gateway, StaffSpec("controller.zwolle", (Role.CONTROLLER,), ("0193",),
                                            tokens=("test-staff-controller.zwolle",)))
    await settle(runtime)


def line(reference: str, amount: int, begin: date = date(2026, 3, 1), code: str = "45A01",
         previous: str | None = None, volume: int = 1) -> dict[str, Any]:
    return {"reference": reference, "previous_reference": previous, "bsn": "999900006",
            "allocation_number": 300201, "category": code[:2], "code": code,
            "period_begin": begin.isoformat(), "period_end": (begin + timedelta(days=27)).isoformat(),
            "volume": volume, "unit": "04", "amount": amount}


def settled(provider: str, municipality: str, lines: Sequence[dict[str, Any]], answered_on: date = TODAY,
            declaration_id: str | None = None) -> dict[str, Any]:
    total = sum(entry["amount"] for entry in lines)
    return {"declaration_id": declaration_id or str(uuid.uuid4()), "declaration_number": "D1",
            "provider": provider, "municipality": municipality, "received_on": answered_on.isoformat(),
            "answered_on": answered_on.isoformat(), "submitted": total, "granted": total, "approved": list(lines)}


def envelope(event_type: str, payload: dict[str, Any], stream: str) -> Message:
    e = Envelope.of(stream, 1, NewEvent(event_type, 1, payload, datetime.now(UTC)))
    topic = "happyflow.allocation.events" if event_type == ALLOCATION_PUBLISHED else "happyflow.invoicing.events"
    return Message(topic, stream, e.to_json())


async def publish(runtime: Any, *messages: Message) -> None:
    await runtime.bus.publish(list(messages))
    await settle(runtime)


async def publish_settled(runtime: Any, payload: dict[str, Any]) -> None:
    await publish(runtime, envelope(DECLARATION_SETTLED, payload, f"declaration-{payload['declaration_id']}"))


def allocation(number: int, referrer: str = "02", municipality: str = "0193", frequency: str = "4",
               volume: int = 8) -> dict[str, Any]:
    return {"municipality": municipality, "allocation_number": number, "client_bsn": "999900006",
            "provider_agb": "98000001", "product": {"category": "45", "code": "45A01"},
            "start": "2026-01-01", "end": "2026-12-31",
            "extent": {"volume": volume, "unit": "04", "frequency": frequency},
            "budget": None, "referrer_type": referrer, "provider_reference": None,
            "allocated_on": "2026-01-02", "allocated_at": "10:00:00", "change_reason": None,
            "deleted": False, "change": "issued"}


async def publish_allocation(runtime: Any, payload: dict[str, Any]) -> None:
    stream = f"allocation-{payload['municipality']}-{payload['allocation_number']}"
    await publish(runtime, envelope(ALLOCATION_PUBLISHED, payload, stream))


async def create_run(client: httpx.AsyncClient, due_up_to: date = TODAY + timedelta(days=60)) -> httpx.Response:
    return await client.post("/payments/v1/runs", json={"due_up_to": due_up_to.isoformat()}, headers=FINANCE)


async def approve(client: httpx.AsyncClient, run_id: str) -> httpx.Response:
    """The second finance user approves a run FINANCE created."""
    done = await client.post(f"/payments/v1/runs/{run_id}/approve", json={}, headers=SECOND_FINANCE)
    assert done.status_code == 200, done.text
    return done


async def pay(client: httpx.AsyncClient, run_id: str) -> httpx.Response:
    await approve(client, run_id)
    for step in ("export", "confirm"):
        done = await client.post(f"/payments/v1/runs/{run_id}/{step}", json={}, headers=FINANCE)
        assert done.status_code == 200, done.text
    return done


def transfers(run: dict[str, Any]) -> dict[str, int]:
    return {t["provider"]: t["amount"] for t in run["transfers"]}


PROVIDER = {"Authorization": "Bearer demo-aanbieder-98000001", "Content-Type": "application/xml"}
JW323 = (ROOT / "examples" / "demo" / "JW323.xml").read_bytes()
EIGHT_HOURS = 62800  # 8 hours of 45A01 at €78.50, the demo region's tariff


async def declare_through_the_apis(runtime: Any, client: httpx.AsyncClient) -> str:
    """The access team allocates 8 hours a month of 45A01 at 98000001 from April; the provider
    declares April's 8 hours at the gateway. Returns the declaration's message id."""
    body = {"municipality": "0193", "client_bsn": "999900006", "provider_agb": "98000001",
            "client": {"birth_date": "2014-03-12", "gender": "2", "surname": "Jansen", "initials": "E"},
            "product": {"category": "45", "code": "45A01"}, "start": "2026-04-01", "end": "2026-12-31",
            "extent": {"volume": 8, "unit": "04", "frequency": "4"}, "referrer_type": "02"}
    issued = await client.post("/allocation/v1/allocations", json=body, headers=ACCESS_ZWOLLE)
    assert issued.status_code == 201, issued.text
    await settle(runtime)
    jw323 = JW323.replace(b">300201<", f">{issued.json()['allocation_number']}<".encode())  # 8 hours of 45A01
    posted = await client.post("/gateway/v1/messages", content=jw323, headers=PROVIDER)
    assert posted.status_code == 202, posted.text
    await settle(runtime)
    return posted.json()["message_id"]
