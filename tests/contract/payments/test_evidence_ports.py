"""The contract of the evidence records: a declaration's evidence and the region's sections as
recorded and projected, and nothing of a unit of work that did not commit."""

from __future__ import annotations

from datetime import date

from services.payments.domain import events as ev
from tests.contract.payments.conftest import REGION, new_events
from tests.contract.payments.test_book_ports import AT


def evidence(declaration_id: str) -> ev.DeclarationEvidenceRecorded:
    return ev.DeclarationEvidenceRecorded(declaration_id, "2026-041", "87654321", "0193", date(2026, 5, 2), None,
                                          {}, ({"reference": "L1"},), ())


async def record(store, stream: str, version: int, event, commit: bool = True) -> None:  # type: ignore[no-untyped-def]
    async with store.unit_of_work() as work:
        work.append(stream, version, new_events([event], AT))
        await work.ports.projections.project([event], AT)
        if commit:
            await work.commit()


async def test_a_declarations_evidence_is_recorded_once_committed(store, queries):
    await record(store, "evidence-D1", 0, evidence("D1"))
    await record(store, "evidence-D2", 0, evidence("D2"), commit=False)
    assert await queries.evidence.evidence_events("D1")
    assert not await queries.evidence.evidence_events("D2")


async def test_the_sections_come_back_in_the_order_recorded(store, queries):
    stream = f"sections-{REGION}"
    await record(store, stream, 0, ev.RegionSectionRecorded("budgets", {"0193": {"2026": {"jeugd-ggz": 100}}}))
    await record(store, stream, 1, ev.RegionSectionRecorded("policy", {"four_eyes_from": 100_000}))
    await record(store, stream, 2, ev.RegionSectionRecorded("budgets", {"0193": {"2026": {"jeugd-ggz": 90}}}))
    await record(store, stream, 3, ev.RegionSectionRecorded("products", []), commit=False)
    assert await queries.evidence.recorded_sections() == [
        ("budgets", {"0193": {"2026": {"jeugd-ggz": 100}}}), ("policy", {"four_eyes_from": 100_000}),
        ("budgets", {"0193": {"2026": {"jeugd-ggz": 90}}})]


async def test_a_declarations_evidence_recorded_in_parts_counts_its_committed_events(store, queries):
    """Part n of a settled declaration is recorded once its evidence has n events."""
    await record(store, "evidence-D1", 0, evidence("D1"))
    await record(store, "evidence-D1", 1, evidence("D1"))
    await record(store, "evidence-D1", 2, evidence("D1"), commit=False)
    assert [await queries.evidence.evidence_events(d) for d in ("D1", "D2")] == [2, 0]
