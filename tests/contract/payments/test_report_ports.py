"""The contract of the report facts and of what was recorded by a date (ports/reads.py), on every
adapter: the lines the budget counts (a credit only once its debet is approved), the allocations
that commit budget in a year, the volumes consumed, the referrals, the ceilings of a year, and the
book, evidence and sections as recorded by the end of a day (Dutch time)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from services.payments.domain.ceilings import ceiling_stream
from services.payments.domain import ceilings
from services.payments.domain import events as ev
from services.payments.domain.budget import APPROVED, HELD, REJECTED
from services.payments.domain.referrals import Referral
from services.payments.ports.reads import CountedLine
from tests.contract.payments.conftest import REGION, new_events
from tests.contract.payments.test_evidence_ports import evidence
from tests.contract.payments.test_reference_ports import published
from shared.exchange.allocation import AllocationPublished
from tests.support.port_stores import write

AT = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def _line(line_id: str, status: str, amount: int = 1_000, **more: Any) -> dict[str, Any]:
    return {"line_id": line_id, "municipality": "0193", "allocation_number": 7, "category": "45", "code": "45A48",
            "unit": "04", "volume": 2, "status": status, "amount": amount, "period_start": date(2026, 3, 1),
            "credits": None, "lump_sum": None, **more}


def _allocation(number: int, allocated_on: str, start: str, end: str | None = None, **more: Any) -> AllocationPublished:
    return published({"municipality": "0193", "allocation_number": number, "provider_agb": "87654321",
                      "allocated_on": allocated_on, "start": start, "end": end,
                      "product": {"category": "45", "code": "45A48"},
                      "extent": {"volume": 10, "unit": "04", "frequency": "2"}, "referrer_type": "01", **more})


async def test_the_budget_counts_approved_and_held_lines_and_a_credit_once_its_debet_is_approved(store, queries):
    await write(store, lambda p: p.reference.record_lines([
        _line("L1", APPROVED), _line("L2", HELD, 500), _line("L3", REJECTED),
        _line("C1", APPROVED, -1_000, volume=-2, credits="L1"), _line("C2", APPROVED, -500, volume=-2, credits="L2"),
        _line("L4", APPROVED, period_start=date(2025, 12, 1)), _line("L5", APPROVED, lump_sum="LS-1"),
        _line("L6", APPROVED, 700, municipality="0150")]))
    counted = await queries.reports.counted_lines(2026, ["0193"])
    assert sorted(counted, key=lambda c: c.amount) == [
        CountedLine("0193", date(2026, 3, 1), -1_000, "45", "45A48", APPROVED),
        CountedLine("0193", date(2026, 3, 1), 500, "45", "45A48", HELD),
        CountedLine("0193", date(2026, 3, 1), 1_000, "45", "45A48", APPROVED)]
    # L1 + C1 + L4 + L5 (under a lump sum, still delivered): 2 - 2 + 2 + 2.
    assert await queries.reports.consumed_volumes(["0193", "0150"]) == {("0193", 7, "04"): 4, ("0150", 7, "04"): 2}


async def test_allocations_commit_budget_in_the_years_they_run_into_and_refer_once(store, queries):
    for allocation in [_allocation(1, "2025-11-03", "2025-11-03", "2026-01-31"),
                       _allocation(2, "2026-02-01", "2026-02-01"),
                       _allocation(3, "2025-01-06", "2025-01-06", "2025-12-31"),
                       _allocation(4, "2026-03-01", "2026-03-01", deleted=True),
                       _allocation(5, "2026-04-01", "2026-04-01", referrer_type=None),
                       _allocation(6, "2026-05-01", "2026-05-01", municipality="0150")]:
        await write(store, lambda p, a=allocation: p.reference.record_allocation(a))
    committing = await queries.reports.committing(["0193"], 2026)
    assert sorted((a.number, a.start, a.end, a.volume, a.unit, a.frequency) for a in committing) == [
        (1, date(2025, 11, 3), date(2026, 1, 31), 10, "04", 2), (2, date(2026, 2, 1), None, 10, "04", 2),
        (5, date(2026, 4, 1), None, 10, "04", 2)]
    referred = await queries.reports.referred(["0193"], 2026)
    assert sorted(referred, key=lambda r: r.allocation_id) == [
        Referral("0193", "0193-2", "01", date(2026, 2, 1)), Referral("0193", "0193-4", "01", date(2026, 3, 1))]


async def test_the_ceilings_of_a_year_with_their_usage_and_announcements(store, queries):
    set_2026 = ev.CeilingSet("C1", "87654321", 2026, 100_000, (80,))
    used = [ev.CeilingUsageRecorded("C1", 2026, "L1", HELD, 50_000), ev.CeilingUsageRecorded("C1", 2026, "L2", APPROVED, 40_000),
            ev.CeilingUsageRecorded("C1", 2026, "L1", APPROVED, 45_000)]
    crossed = ev.CeilingThresholdCrossed("C1", "87654321", 2026, 80, 85_000, 100_000)
    set_2027 = ev.CeilingSet("C1", "87654321", 2027, 90_000, (70, 95))
    async with store.unit_of_work() as work:
        work.append(ceiling_stream("C1", 2026), 0, new_events([set_2026, *used, crossed], AT))
        work.append(ceiling_stream("C1", 2027), 0, new_events([set_2027], AT))
        await work.ports.projections.project([set_2026, *used, crossed, set_2027], AT)
        await work.commit()
    assert await queries.reports.ceilings(2026) == [ceilings.fold([set_2026, *used, crossed])]
    assert [(c.contract_id, c.amount, c.warn_at, dict(c.usage)) for c in await queries.reports.ceilings(2027)] == [
        ("C1", 90_000, (70, 95), {})]
    assert await queries.reports.ceilings(2025) == []


MARCH_2 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
LATE_MARCH_3 = datetime(2026, 3, 3, 22, 30, tzinfo=UTC)
"""23:30 in Amsterdam: still 3 March there, though 22:30 in UTC."""
MARCH_4 = datetime(2026, 3, 3, 23, 30, tzinfo=UTC)
"""00:30 on 4 March in Amsterdam."""


async def record(store, stream: str, version: int, events: list[Any], at: datetime) -> None:  # type: ignore[no-untyped-def]
    """Appended and projected at `at`: the SQL database's clock is what stamps a stored event."""
    store.db.now = lambda: at
    async with store.unit_of_work() as work:
        work.append(stream, version, new_events(events, at))
        await work.ports.projections.project(events, at)
        await work.commit()


def booked(line_id: str) -> ev.ApprovedLineBooked:
    return ev.ApprovedLineBooked(line_id, "87654321", "0193", "C1", "D1", 1_000, date(2026, 2, 1), date(2026, 3, 1))


async def test_what_was_recorded_by_the_end_of_a_dutch_day(store, queries):
    book, sections = f"book-{REGION}", f"sections-{REGION}"
    await write(store, lambda p: p.reference.store_section("policy", {"four_eyes_from": 5}))
    await record(store, book, 0, [booked("L1")], MARCH_2)
    await record(store, sections, 0, [ev.RegionSectionRecorded("budgets", {"0193": {"2026": {"ggz": 100}}})], MARCH_2)
    await record(store, "evidence-D1", 0, [evidence("D1")], MARCH_2)
    await record(store, book, 1, [booked("L2")], LATE_MARCH_3)
    await record(store, sections, 1, [ev.RegionSectionRecorded("budgets", {"0193": {"2026": {"ggz": 90}}})], MARCH_4)
    await record(store, sections, 2, [ev.RegionSectionRecorded("products", [{"code": "45A48"}])], MARCH_4)
    await record(store, "evidence-D2", 0, [evidence("D2")], MARCH_4)
    recorded = queries.recorded
    assert await recorded.book_events(date(2026, 3, 1)) == []
    assert await recorded.book_events(date(2026, 3, 3)) == [booked("L1"), booked("L2")]
    names = ("budgets", "products", "policy")
    assert await recorded.sections(date(2026, 3, 3), names) == {
        "budgets": {"0193": {"2026": {"ggz": 100}}}, "products": None, "policy": {"four_eyes_from": 5}}
    assert await recorded.sections(date(2026, 3, 4), names) == {
        "budgets": {"0193": {"2026": {"ggz": 90}}}, "products": [{"code": "45A48"}], "policy": {"four_eyes_from": 5}}
    assert sorted(await recorded.evidence("0193", date(2026, 3, 3))) == ["D1"]
    assert sorted(await recorded.evidence("0193", date(2026, 3, 4))) == ["D1", "D2"]
    assert await recorded.evidence("0150", date(2026, 3, 4)) == {}
