"""What the region-procurement and outcome handlers and routes of payments need (issue 17), in
business words, as Protocols: an SQL implementation (adapters/sql_region.py) for the service and
an in-memory one (adapters/memory_region.py) for tests; neither is named outside bootstrap.py."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, Protocol

from services.payments.domain.outcome_periods import Period
from services.payments.domain.outcome_scores import Score
from services.payments.domain.outcomes import AllocationStart, Trajectory


@dataclass(frozen=True)
class AllocationFact:
    municipality: str
    number: int
    client: str
    """Pseudonym."""
    provider: str
    code: str | None
    start: date
    deleted: bool


@dataclass(frozen=True)
class StopFact:
    municipality: str
    number: int
    code: str | None
    begin: date
    provider: str
    end: date | None
    """None: the stop was withdrawn."""
    reason: str | None


@dataclass(frozen=True)
class DeclaredLine:
    """A line invoicing told payments of, approved (realised) or held (pending), with the
    provider its allocation went to."""

    municipality: str
    provider: str
    category: str
    code: str | None
    unit: str
    volume: int
    amount: int
    period_start: date
    pending: bool


class RegionFacts(Protocol):
    async def pseudonym(self, bsn: str) -> str:
        """A stable keyed pseudonym for a client: the same BSN always gives the same one here,
        and it cannot be turned back into the BSN without this database's key."""
        ...

    async def record_allocation(self, fact: AllocationFact) -> None: ...

    async def record_stop(self, fact: StopFact) -> None: ...

    async def trajectories(self, municipalities: Collection[str], period: Period) -> list[Trajectory]:
        """Stops whose end lies in `period`, with their client's pseudonym."""
        ...

    async def starts_after(self, clients: Collection[str], after: date) -> list[AllocationStart]: ...

    async def record_scores(self, scores: Sequence[Score]) -> None: ...

    async def scores(self, period: Period) -> list[Score]: ...

    async def declared_lines(self, municipalities: Collection[str], first: date, last: date) -> list[DeclaredLine]:
        """Approved and held lines by month of care in [first, last], counted as the budget counts."""
        ...

    async def sections(self) -> dict[str, Any]:
        """The region file's sections as payments keeps them."""
        ...
