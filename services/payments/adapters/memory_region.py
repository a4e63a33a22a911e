"""The in-memory implementation of `RegionFacts` (services/payments/ports.py): the same answers
as the SQL one from plain dictionaries, for tests of handlers and reports without a database."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from services.payments.adapters.sql_region import pseudonym_of
from services.payments.domain.outcome_periods import Period
from services.payments.domain.outcome_scores import Score
from services.payments.domain.outcomes import AllocationStart, Trajectory
from services.payments.ports import AllocationFact, DeclaredLine, StopFact


@dataclass
class MemoryRegionFacts:
    key: bytes = b"memory-test-key"
    known_sections: dict[str, Any] = field(default_factory=dict)
    allocations: dict[tuple[str, int], AllocationFact] = field(default_factory=dict)
    stops: dict[tuple[str, int, str, date], StopFact] = field(default_factory=dict)
    score_rows: dict[tuple[str, str, str], Score] = field(default_factory=dict)
    lines: list[DeclaredLine] = field(default_factory=list)

    async def pseudonym(self, bsn: str) -> str:
        return pseudonym_of(self.key, bsn)

    async def record_allocation(self, fact: AllocationFact) -> None:
        self.allocations[(fact.municipality, fact.number)] = fact

    async def record_stop(self, fact: StopFact) -> None:
        key = (fact.municipality, fact.number, fact.code or "", fact.begin)
        self.stops.pop(key, None)
        if fact.end is not None and fact.reason is not None:
            self.stops[key] = fact

    async def trajectories(self, municipalities: Collection[str], period: Period) -> list[Trajectory]:
        found = []
        for s in self.stops.values():
            allocation = self.allocations.get((s.municipality, s.number))
            if (allocation and not allocation.deleted and s.municipality in municipalities and s.end
                    and s.reason and period.holds(s.end)):
                found.append(Trajectory(s.municipality, s.number, allocation.client, s.provider, s.code, s.begin,
                                        s.end, s.reason))
        return found

    async def starts_after(self, clients: Collection[str], after: date) -> list[AllocationStart]:
        return [AllocationStart(a.client, a.municipality, a.number, a.start) for a in self.allocations.values()
                if a.client in clients and a.start > after and not a.deleted]

    async def scores(self, period: Period) -> list[Score]:
        return [s for s in self.score_rows.values() if s.period == period]

    async def declared_lines(self, municipalities: Collection[str], first: date, last: date) -> list[DeclaredLine]:
        return [line for line in self.lines if line.municipality in municipalities and first <= line.period_start <= last]

    async def sections(self) -> dict[str, Any]:
        return dict(self.known_sections)
