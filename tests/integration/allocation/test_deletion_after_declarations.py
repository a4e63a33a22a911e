"""TR385/OP362: an allocation with approved declaration lines cannot be deleted; once they are
credited it can."""

from __future__ import annotations

from datetime import UTC, datetime

from shared.bus import Message
from shared.events.envelope import Envelope, NewEvent
from shared.exchange.invoicing import DECLARATION_SETTLED
from tests.integration.allocation.conftest import ALLOCATIONS, STAFF, ZWOLLE, issue
from tests.support.embedded import settle


async def settle_lines(runtime, number: int, amounts: list[int]) -> None:  # type: ignore[no-untyped-def]
    payload = {"declaration_id": "d-1", "declaration_number": "D1", "provider": "98000001", "municipality": ZWOLLE,
               "received_on": "2026-11-02", "answered_on": "2026-11-03", "submitted": sum(amounts),
               "granted": sum(amounts), "approved": [
                   {"reference": f"R{i}", "previous_reference": None, "bsn": "999900006", "allocation_number": number,
                    "category": "45", "code": "45A01", "period_begin": "2026-10-01", "period_end": "2026-10-31",
                    "volume": 1, "unit": "04", "amount": amount} for i, amount in enumerate(amounts)]}
    envelope = Envelope.of("declaration-d", len(amounts), NewEvent(DECLARATION_SETTLED, 1, payload, datetime.now(UTC)))
    await runtime.bus.publish([Message("happyflow.invoicing.events", envelope.stream_id, envelope.to_json())])
    await settle(runtime)


async def test_tr385_an_allocation_with_approved_lines_cannot_be_deleted(demo):
    runtime, client = demo
    issued = await issue(runtime, client)
    await settle_lines(runtime, issued["allocation_number"], [7850])
    refused = await client.post(f"{ALLOCATIONS}/{ZWOLLE}/{issued['allocation_number']}/delete", json={}, headers=STAFF)
    assert refused.status_code == 422 and "TR385" in refused.text


async def test_tr385_once_its_lines_are_credited_the_allocation_can_be_deleted(demo):
    runtime, client = demo
    issued = await issue(runtime, client)
    await settle_lines(runtime, issued["allocation_number"], [7850])
    await settle_lines(runtime, issued["allocation_number"], [-7850])
    deleted = await client.post(f"{ALLOCATIONS}/{ZWOLLE}/{issued['allocation_number']}/delete", json={}, headers=STAFF)
    assert deleted.status_code == 200 and deleted.json()["status"] == "deleted"
