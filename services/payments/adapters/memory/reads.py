"""The reads of ports/reads.py in memory, by the same rules as the SQL adapters: the runs, items
and statements as projected (adapters/memory/payables.py), the report facts from the lines and
allocations kept, and what was recorded by the end of a day."""

from __future__ import annotations

import copy
from collections.abc import Collection, Mapping, Sequence
from datetime import date
from typing import Any

from services.payments.adapters import report_inputs as inputs
from services.payments.adapters.memory.state import PaymentsState
from services.payments.domain import events as ev
from services.payments.domain.budget import APPROVED, HELD
from services.payments.domain.calendar_periods import end_of
from services.payments.domain.ceilings import Ceiling
from services.payments.domain.evidence_lines import joined
from services.payments.domain.referrals import Referral
from services.payments.ports.reads import (AllocationRecord, CountedLine, ItemRecord, RunRecord, StaffMember,
                                           StatementRecord)


class MemoryRunReads:
    def __init__(self, state: PaymentsState) -> None:
        self._state = state

    async def runs(self) -> list[RunRecord]:
        found = [RunRecord(**run) for run in self._state.runs.values()]
        return sorted(found, key=lambda r: (r.due_up_to, r.run_id))

    async def run(self, run_id: str) -> RunRecord | None:
        found = self._state.runs.get(run_id)
        return None if found is None else RunRecord(**found)

    async def items(self, status: str | None = None, provider: str | None = None,
                    kind: str | None = None) -> list[ItemRecord]:
        found = [ItemRecord(**item) for item in self._state.items.values()
                 if (not kind or item["kind"] == kind) and (not status or item["status"] == status)
                 and (not provider or item["provider"] == provider)]
        return sorted(found, key=lambda i: (i.due_on, i.item_id))

    async def staff(self) -> list[StaffMember]:
        return sorted(self._state.staff.values(), key=lambda s: s.username)


class MemoryStatementReads:
    def __init__(self, state: PaymentsState) -> None:
        self._state = state

    async def imported(self) -> list[StatementRecord]:
        return sorted((StatementRecord(**s) for s in self._state.statements), key=lambda s: s.imported_at)

    async def statement(self, statement_id: str) -> StatementRecord | None:
        found = [s for s in await self.imported() if s.statement_id == statement_id]
        return found[-1] if found else None

    async def outcomes(self, statement_id: str) -> list[ev.TransferBooked | ev.TransferReturned]:
        return [e for _, e in self._state.recorded.events
                if isinstance(e, ev.TransferBooked | ev.TransferReturned) and e.statement_id == statement_id]


class MemoryReportFacts:
    def __init__(self, state: PaymentsState) -> None:
        self._state = state

    def _counted(self) -> list[dict[str, Any]]:
        lines = self._state.lines
        return [line for line in lines.values() if line["status"] in (APPROVED, HELD)
                and (line.get("credits") is None or lines.get(line["credits"], {}).get("status") == APPROVED)]

    async def counted_lines(self, year: int, municipalities: Collection[str]) -> list[CountedLine]:
        return [CountedLine(line["municipality"], line["period_start"], line["amount"], line["category"],
                            line["code"], line["status"]) for line in self._counted()
                if line["municipality"] in municipalities and line["period_start"].year == year
                and line.get("lump_sum") is None]

    async def committing(self, municipalities: Collection[str], year: int) -> list[AllocationRecord]:
        return [AllocationRecord(**a) for a in self._state.allocations.values()
                if a["municipality"] in municipalities and not a["deleted"] and a["start"] <= date(year, 12, 31)
                and (a["end"] is None or a["end"] >= date(year, 1, 1))]

    async def consumed_volumes(self, municipalities: Collection[str]) -> dict[tuple[str, int, str], int]:
        found: dict[tuple[str, int, str], int] = {}
        for line in self._counted():
            if line["status"] == APPROVED and line["municipality"] in municipalities:
                key = (line["municipality"], line["allocation_number"], line["unit"])
                found[key] = found.get(key, 0) + line["volume"]
        return found

    async def referred(self, municipalities: Collection[str], year: int) -> list[Referral]:
        return inputs.referrals(AllocationRecord(**a) for a in self._state.allocations.values()
                                if a["municipality"] in municipalities and a["referrer_type"] is not None
                                and a["first_allocated_on"].year == year)

    async def ceilings(self, year: int) -> list[Ceiling]:
        """The ceilings set (a `CeilingSet` folded in) for the year."""
        return [ceiling for (_, y), (_, ceiling) in self._state.folded.ceilings.items()
                if y == year and ceiling.contract_id]


class MemoryRecordedAsOf:
    def __init__(self, state: PaymentsState) -> None:
        self._state = state

    def _by_then(self, as_of: date) -> list[Any]:
        cutoff = end_of(as_of)
        return [e for at, e in self._state.recorded.events if at < cutoff]

    async def book_events(self, as_of: date) -> list[Any]:
        return [e for e in self._by_then(as_of) if isinstance(e, ev.BookEvent)]

    async def evidence(self, municipality: str, as_of: date) -> Mapping[str, ev.DeclarationEvidenceRecorded]:
        return joined(e for e in self._by_then(as_of)
                      if isinstance(e, ev.DeclarationEvidenceRecorded) and e.municipality == municipality)

    async def sections(self, as_of: date, names: Sequence[str]) -> dict[str, Any]:
        recorded = [e for _, e in self._state.recorded.events if isinstance(e, ev.RegionSectionRecorded)]
        ever = {e.section for e in recorded}
        latest = {e.section: e.content for e in self._by_then(as_of) if isinstance(e, ev.RegionSectionRecorded)}
        return {name: copy.deepcopy(latest.get(name) if name in ever else self._state.sections.get(name))
                for name in names}
