"""A request (JW315) and the municipality's answer to it (JW319) are one conversation, in the
demo region, with the answer given by the access team through the allocation API."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.embedded import settle
from tests.support.regions import region_app

ROOT = Path(__file__).resolve().parents[3]
PROVIDER = {"Authorization": "Bearer demo-aanbieder-98000001", "Content-Type": "application/xml"}
ACCESS = {"Authorization": "Bearer demo-staff-toegang.zwolle"}
JW315 = (ROOT / "examples" / "ijw" / "valid" / "JW315.xml").read_bytes().replace(b">42420001<", b">98000001<").replace(
    b">0384<", b">0193<")  # VOT-2026-0001 of 98000001 to Zwolle


@pytest.fixture
async def region(tmp_path: Path):  # type: ignore[no-untyped-def]
    async with region_app(tmp_path, ROOT / "examples/regions/ijsselland.toml") as (runtime, client):
        yield runtime, client


async def test_a_jw319_names_the_request_it_answers_and_joins_its_conversation(region):
    runtime, client = region
    asked = (await client.post("/gateway/v1/messages", content=JW315, headers=PROVIDER)).json()["message_id"]
    await settle(runtime)
    rejected = await client.post("/allocation/v1/requests/98000001/VOT-2026-0001/reject", json={"reason": "4"},
                                 headers=ACCESS)
    assert rejected.status_code == 200, rejected.text
    await settle(runtime)
    items = (await client.get("/gateway/v2/mailbox", headers=PROVIDER)).json()["items"]
    answers = {i["message_code"]: (i["in_reply_to"], i["conversation_id"]) for i in items}
    assert answers == {"JW316": (asked, asked), "JW319": (asked, asked)}
