"""What the payments handlers and routes of the region's financing and outcomes (issue 17) need
from storage, in business words (issue 13's seam), as Protocols, each with an SQL implementation
for the service and an in-memory one for tests, named only in bootstrap.py:
- the starts and stops of care, the payment book as it stood at any moment, and the region file's
  sections for lump sums and the ledger (adapters/financing_sql.py, adapters/financing_memory.py);
- the procurement and outcome facts (adapters/sql_region.py, adapters/memory_region.py);
- the reference data kept from other services' events: the region file's sections, the declared
  lines and the allocations (adapters/sql/, adapters/memory/), bundled in `PaymentsPorts`;
- what the routes read: runs, items, statements, report facts, and what was recorded by a date
  (ports/reads.py)."""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Protocol

from services.payments.domain.book import Book
from services.payments.domain.ceilings import Ceiling
from services.payments.domain.monitoring import CareSpell
from services.payments.domain.outcome_periods import Period
from services.payments.domain.outcome_scores import Score
from services.payments.domain.outcomes import AllocationStart, Trajectory
from services.payments.ports.reads import RecordedAsOf, ReportFacts, RunReads, StatementReads
from shared.exchange.allocation import AllocationPublished


class CareSpellRecords(Protocol):
    """The starts and stops of care (JW305/JW307) as the allocation service reports them, kept for
    the monitoring of lump-sum contracts; bound to the consumer's unit of work."""

    async def started(self, spell: CareSpell) -> None:
        """A start (JW305); the same start again changes nothing."""

    async def start_withdrawn(self, municipality: str, allocation_number: int, begin: date) -> None: ...

    async def stopped(self, municipality: str, allocation_number: int, begin: date, end: date | None,
                      reason: str | None) -> None:
        """A stop (JW307) of the start with that key; a withdrawn stop passes `end` None."""


class CareSpells(Protocol):
    async def of_provider(self, provider: str, municipalities: Sequence[str]) -> list[CareSpell]:
        ...


class BookHistory(Protocol):
    async def as_of(self, moment: datetime) -> Book:
        """The payment book folded from its events recorded up to and including `moment`."""


class RegionSections(Protocol):
    async def sections(self) -> Mapping[str, Any]:
        """The region file's sections as payments last received them."""


class Financing(Protocol):
    spells: CareSpells
    history: BookHistory
    region: RegionSections


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
    lump_sum: str | None = None
    """The lump-sum schedule the line falls under: information, the lump sum pays its care."""


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

    async def scores(self, period: Period) -> list[Score]: ...

    async def declared_lines(self, municipalities: Collection[str], first: date, last: date) -> list[DeclaredLine]:
        """Approved and held lines by month of care in [first, last], counted as the budget counts."""
        ...

    async def sections(self) -> dict[str, Any]:
        """The region file's sections as payments keeps them."""
        ...


class ReferenceData(Protocol):
    """What payments keeps from other services' events, to decide and report on: the region file's
    sections (contracts, policy, accounts, budgets, ...), every declared line invoicing told of
    with its product and status, and the effective version of every allocation."""

    async def section(self, name: str, default: Any = None) -> Any:
        """The section as last received, or `default` before the region file brought it."""

    async def sections(self) -> dict[str, Any]: ...

    async def store_section(self, name: str, content: Any) -> None:
        """Replaces the section of that name."""

    async def record_lines(self, rows: Sequence[Mapping[str, Any]]) -> None:
        """Lines as adapters/settlement.py `line_rows` gives them (line_id, municipality,
        allocation_number, category, code, unit, volume, status, amount, period_start, credits,
        lump_sum). Idempotent, and a decision is never undone: a line not known yet is added, a
        held one takes the final status it now has, a final one stays as it is."""

    async def record_rejected(self, line_ids: Sequence[str]) -> None:
        """Held lines that were rejected no longer count as in behandeling."""

    async def line_statuses(self, line_ids: Sequence[str]) -> dict[str, str]:
        """The status of each of these lines payments knows (held, approved, rejected)."""

    async def record_allocation(self, allocation: AllocationPublished) -> None:
        """An allocation version the allocation service published: it replaces the one before;
        the first allocation date and referrer are kept (a referral counts once)."""

    async def referrer_types(self, municipality: str, numbers: Sequence[int]) -> dict[int, str]:
        """The referrer type payments knows per allocation (the first one it was told of)."""


class PaymentBooks(Protocol):
    """The region's payment book and the budget ceilings as decided so far, each folded from its
    own stream (`book-{region}`, `ceiling-{contract}-{year}`), with the stream's version to append
    after."""

    async def book(self) -> tuple[int, Book]: ...

    async def ceiling(self, contract_id: str, year: int) -> tuple[int, Ceiling]: ...

    def committed(self) -> None:
        """The unit of work these were read in has committed: what it appended is the book and
        the ceilings the next one decides on (an adapter may keep them warm). Never called after a
        rollback."""


class Projections(Protocol):
    async def project(self, decided: Sequence[Any], at: datetime) -> None:
        """The read models of events decided in this unit of work and appended to their streams
        (every book and ceiling event is projected: `PaymentBooks` of the memory adapter is one)."""


class EvidenceRecords(Protocol):
    """Payments' own record of what the lawfulness evidence replays beyond the book
    (handlers/evidence.py): each settled declaration's evidence (stream `evidence-{declaration}`)
    and the region file's sections as they arrived (stream `sections-{region}`). Read as stored:
    what this unit of work appended but did not commit yet is not in it."""

    async def evidence_events(self, declaration_id: str) -> int:
        """How many events the declaration's evidence is recorded in (its stream's version)."""

    async def recorded_sections(self) -> list[tuple[str, Any]]:
        """(section, content) in the order recorded; its length is the stream's version."""


@dataclass(frozen=True)
class PaymentsPorts:
    """The ports the payments handlers and routes reach storage through, bound to one unit of
    work's transaction or, for routes, to the read engine."""

    reference: ReferenceData
    books: PaymentBooks
    projections: Projections
    evidence: EvidenceRecords
    region_facts: RegionFacts
    runs: RunReads
    statements: StatementReads
    reports: ReportFacts
    recorded: RecordedAsOf
    spells: CareSpellRecords
