"""What payments' routes read, in business words (issue 13): the payment runs and payable items
as projected, the bank statements imported and what each did, the facts the budget, ceiling and
referral reports count, and what payments had recorded by the end of a day (the lawfulness
evidence as of a date). Each with an SQL adapter (adapters/sql/) and one in memory
(adapters/memory/)."""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Protocol

from services.payments.domain import events as ev
from services.payments.domain.ceilings import Ceiling
from services.payments.domain.referrals import Referral


@dataclass(frozen=True)
class RunRecord:
    """A payment run as projected (adapters/projections.py)."""

    run_id: str
    status: str
    due_up_to: date
    total: int
    carried_forward: tuple[str, ...]
    created_by: str
    approved_by: str | None
    message_id: str | None
    execution_date: date | None
    exported_at: datetime | None
    executed_on: date | None


@dataclass(frozen=True)
class ItemRecord:
    """A payable item as projected: what is due, in a run, paid or offset."""

    item_id: str
    kind: str
    provider: str
    municipality: str
    contract_id: str
    declaration_id: str | None
    amount: int
    period_start: date
    due_on: date
    status: str
    run_id: str | None


@dataclass(frozen=True)
class StatementRecord:
    """A bank statement imported."""

    account: str
    statement_id: str
    message_id: str
    entries: int
    matched: int
    imported_by: str
    imported_at: datetime


@dataclass(frozen=True)
class StaffMember:
    """A staff identity as the gateway published it."""

    username: str
    roles: tuple[str, ...]
    municipalities: tuple[str, ...]


@dataclass(frozen=True)
class CountedLine:
    """A declared line the budget counts (approved, or held: in behandeling), outside a lump sum."""

    municipality: str
    period_start: date
    amount: int
    category: str
    code: str | None
    status: str


@dataclass(frozen=True)
class AllocationRecord:
    """The effective version of an allocation, as payments keeps it."""

    municipality: str
    number: int
    provider: str
    category: str | None
    code: str | None
    start: date
    end: date | None
    volume: int | None
    unit: str | None
    frequency: int | None
    deleted: bool
    referrer_type: str | None
    first_allocated_on: date


class RunReads(Protocol):
    async def runs(self) -> list[RunRecord]:
        """Every run, by the date it collects up to, then its id."""

    async def run(self, run_id: str) -> RunRecord | None: ...

    async def items(self, status: str | None = None, provider: str | None = None,
                    kind: str | None = None) -> list[ItemRecord]:
        """Items (of that status, provider and kind when given) by due date, then id."""

    async def staff(self) -> list[StaffMember]:
        """Every staff identity known here (who may approve a run)."""


class StatementReads(Protocol):
    async def imported(self) -> list[StatementRecord]:
        """Every statement imported, oldest first."""

    async def statement(self, statement_id: str) -> StatementRecord | None:
        """The import of that id (the latest, should two accounts of the region have used it)."""

    async def outcomes(self, statement_id: str) -> list[ev.TransferBooked | ev.TransferReturned]:
        """The transfers the statement booked and returned, in the order the book decided them."""


class ReportFacts(Protocol):
    async def counted_lines(self, year: int, municipalities: Collection[str]) -> list[CountedLine]:
        """Approved lines and credits and held lines by month of care in `year`, not under a
        lump sum; a credit only once the debet it cancels is approved here."""

    async def committing(self, municipalities: Collection[str], year: int) -> list[AllocationRecord]:
        """The allocations that may commit budget in `year`: not deleted, and running into it."""

    async def consumed_volumes(self, municipalities: Collection[str]) -> dict[tuple[str, int, str], int]:
        """Approved volume per (municipality, allocation number, unit), credits subtracted."""

    async def referred(self, municipalities: Collection[str], year: int) -> list[Referral]:
        """Allocations first issued in `year` with a referrer."""

    async def ceilings(self, year: int) -> list[Ceiling]:
        """The ceilings set for `year`, with their usage and the thresholds announced."""


class RecordedAsOf(Protocol):
    """What payments had recorded by the end of a day (Dutch time), from its own events: what the
    lawfulness evidence of that date replays."""

    async def book_events(self, as_of: date) -> list[Any]:
        """The payment book's events recorded by then, in order."""

    async def sections(self, as_of: date, names: Sequence[str]) -> dict[str, Any]:
        """Each section as last recorded by then (None when recorded only later); a section never
        recorded as an event (kept before payments recorded them) as payments keeps it now."""

    async def evidence(self, municipality: str, as_of: date) -> Mapping[str, ev.DeclarationEvidenceRecorded]:
        """The municipality's declarations' evidence recorded by then, by declaration id."""
