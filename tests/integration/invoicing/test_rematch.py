"""Held lines are re-matched when the allocation they lacked arrives (design.md §5, OP080)."""

from __future__ import annotations

from datetime import UTC, datetime

from shared.bus import Message
from shared.events.envelope import Envelope, NewEvent
from shared.exchange.allocation import ALLOCATION_PUBLISHED
from shared.ijw import decode
from tests.integration.invoicing.test_declaration_flow import (  # noqa: F401 (fixture)
    JW323, PROVIDER, allocate, post_and_settle, region,
)
from tests.support.embedded import settle

PUBLISHED = {
    "municipality": "0193", "allocation_number": 300201, "client_bsn": "999900006", "provider_agb": "98000001",
    "product": {"category": "45", "code": "45A01"}, "start": "2026-04-01", "end": "2026-12-31",
    "extent": {"volume": 8, "unit": "04", "frequency": "4"}, "budget": None, "referrer_type": "01",
    "provider_reference": None, "allocated_on": "2026-03-20", "allocated_at": "10:00:00", "change_reason": None,
    "deleted": False, "change": "issued",
}


async def publish_allocation(runtime, payload: dict) -> None:  # type: ignore[no-untyped-def]
    envelope = Envelope.of("allocation-0193-300201", 1, NewEvent(ALLOCATION_PUBLISHED, 1, payload, datetime.now(UTC)))
    await runtime.bus.publish([Message("happyflow.allocation.events", envelope.stream_id, envelope.to_json())])
    await settle(runtime)


async def test_an_allocation_arriving_after_the_declaration_approves_the_held_line(region):
    runtime, client = region
    sent = await post_and_settle(runtime, client, JW323)
    await publish_allocation(runtime, PUBLISHED)
    status = (await client.get(f"/gateway/v1/messages/{sent}", headers=PROVIDER)).json()
    answer = decode((await client.get(f"/gateway/v1/mailbox/{status['answer_id']}", headers=PROVIDER)).content)
    assert answer.answer.codes == ("8001",) and answer.answer.total_granted.cents == 62800


async def test_an_allocation_too_small_keeps_the_line_held_with_its_new_findings(region):
    runtime, client = region
    await post_and_settle(runtime, client, JW323)
    await publish_allocation(runtime, {**PUBLISHED, "extent": {"volume": 4, "unit": "04", "frequency": "4"}})
    held = (await client.get("/invoicing/v1/queue", headers={"Authorization": "Bearer demo-staff-financien"})).json()
    assert [h["codes"] for h in held] == [["9321"]]


async def test_a_deleted_allocation_rejects_the_held_line_with_9384(region):
    runtime, client = region
    await post_and_settle(runtime, client, JW323)
    await publish_allocation(runtime, {**PUBLISHED, "deleted": True, "change_reason": "13", "end": "2026-04-01"})
    item = (await client.get("/gateway/v1/mailbox", headers=PROVIDER)).json()[0]
    answer = decode((await client.get(f"/gateway/v1/mailbox/{item['message_id']}", headers=PROVIDER)).content)
    assert "9384" in answer.answer.clients[0].lines[0].codes


async def test_a_line_still_held_after_a_rematch_is_shown_beside_the_version_it_was_matched_against_now(region):
    runtime, client = region
    await post_and_settle(runtime, client, JW323)
    finance = {"Authorization": "Bearer demo-staff-financien"}
    [held] = (await client.get("/invoicing/v1/queue", headers=finance)).json()
    assert held["compared_with"]["allocation_decided_on"] is None  # held for 9338: no allocation yet
    await publish_allocation(runtime, {**PUBLISHED, "extent": {"volume": 4, "unit": "04", "frequency": "4"}})
    detail = (await client.get(f"/invoicing/v1/queue/{held['declaration_id']}/R100", headers=finance)).json()
    assert detail["codes"] == ["9321"]
    assert detail["compared_with"]["allocation_decided_on"] == "2026-03-20"
    assert detail["allocation"]["extent"] == {"volume": 4, "unit": "04", "frequency": "4"}
