"""The contract of the reference data port (the region file's sections, the declared lines and
the allocations payments keeps from other services' events), on every adapter."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from services.payments.domain.budget import APPROVED, HELD, REJECTED
from shared.events.envelope import Envelope, NewEvent
from shared.events.registry import EventRegistry
from shared.exchange import allocation
from shared.exchange.allocation import AllocationPublished
from tests.support.port_stores import write

AT = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)
REGISTRY = EventRegistry.of(allocation.CLASSES)


def _line(line_id: str, status: str, amount: int = 1_000) -> dict[str, Any]:
    return {"line_id": line_id, "municipality": "0193", "allocation_number": 7, "category": "45", "code": "45A48",
            "unit": "04", "volume": 1, "status": status, "amount": amount, "period_start": date(2026, 3, 1),
            "credits": None, "lump_sum": None}


def _allocation(allocated_on: str, referrer: str | None, provider: str = "87654321", **more: Any) -> AllocationPublished:
    return published({"municipality": "0193", "allocation_number": 7, "provider_agb": provider,
                      "allocated_on": allocated_on, "start": "2026-01-01", "end": None,
                      "product": {"category": "45", "code": "45A48"},
                      "extent": {"volume": 10, "unit": "04", "frequency": "2"}, "referrer_type": referrer, **more})


def published(fields: dict[str, Any]) -> AllocationPublished:
    """As the allocation service publishes a version (shared/exchange/allocation.py)."""
    whole = {"client_bsn": "999900006", "budget": None, "provider_reference": None, "allocated_at": "10:00:00",
             "change_reason": None, "deleted": False, "change": "issued", **fields}
    return REGISTRY.decode(Envelope.of("allocation-1", 1, NewEvent(AllocationPublished.TYPE, 1, whole, AT)))


async def test_a_section_replaces_the_one_before_and_a_missing_one_gives_the_default(store, queries):
    assert await queries.reference.section("contracts", []) == []
    await write(store, lambda p: p.reference.store_section("contracts", [{"id": "C1"}]))
    await write(store, lambda p: p.reference.store_section("contracts", [{"id": "C2"}]))
    await write(store, lambda p: p.reference.store_section("account", {"iban": "NL67INGB0006543210"}))
    assert await queries.reference.section("contracts") == [{"id": "C2"}]
    assert await queries.reference.sections() == {"contracts": [{"id": "C2"}],
                                                  "account": {"iban": "NL67INGB0006543210"}}


async def test_a_section_not_committed_is_not_kept(store, queries):
    async with store.unit_of_work() as work:
        await work.ports.reference.store_section("policy", {"four_eyes_from": 100})
    assert await queries.reference.section("policy") is None


async def test_a_held_line_takes_its_final_status_and_a_final_one_is_never_undone(store, queries):
    await write(store, lambda p: p.reference.record_lines([_line("L1", HELD), _line("L2", HELD),
                                                           _line("L3", APPROVED)]))
    await write(store, lambda p: p.reference.record_lines([_line("L1", APPROVED), _line("L3", HELD),
                                                           _line("L4", HELD)]))
    await write(store, lambda p: p.reference.record_rejected(["L2", "L3", "L9"]))
    await write(store, lambda p: p.reference.record_rejected(["L1"]))
    await write(store, lambda p: p.reference.record_lines([_line("L2", APPROVED)]))
    assert await queries.reference.line_statuses(["L1", "L2", "L3", "L4", "L9"]) == {
        "L1": APPROVED, "L2": REJECTED, "L3": APPROVED, "L4": HELD}


async def test_an_allocation_keeps_its_first_date_and_referrer_through_later_versions(store, queries):
    await write(store, lambda p: p.reference.record_allocation(_allocation("2026-01-05", "01")))
    await write(store, lambda p: p.reference.record_allocation(_allocation("2026-02-01", "02", provider="11111111")))
    await write(store, lambda p: p.reference.record_allocation(_allocation("2026-03-01", None,
                                                                           municipality="0150")))
    assert await queries.reference.referrer_types("0193", [7, 7, 8]) == {7: "01"}
    assert await queries.reference.referrer_types("0150", [7]) == {}
