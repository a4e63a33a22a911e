"""What the invoicing handlers and routes need from storage, in business words (docs/seam.md).

Four families: the master data the matcher works from (`MasterData`, fed by other services'
events), the declarations and their lines as this service's own events left them
(`Declarations`: what a decision reads, the records no event carries, and the projection's
writes), the exception queue and the finance reads for routes (`Queue`, `DeclarationReads`).
`InvoicingPorts` bundles them; bootstrap.py binds it to SQL.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, Protocol

from services.invoicing.domain.allocation import AllocationVersion
from services.invoicing.domain.contract import Tariff
from services.invoicing.domain.declaration import Declaration
from services.invoicing.domain.held_lines import LineState
from services.invoicing.domain.matcher import MatchContext
from services.invoicing.domain.outcome import LineOutcome, MatchResult
from services.invoicing.domain.policy import MatchPolicy


@dataclass(frozen=True)
class DeclarationState:
    declaration_id: str
    status: str
    received_on: date
    result: MatchResult
    """Its lines as a MatchResult, to build the JW325 from once every line is final."""


@dataclass(frozen=True)
class QueueFilter:
    municipalities: frozenset[str]
    municipality: str | None = None
    provider: str | None = None
    code: str | None = None
    received_before: date | None = None
    due_before: date | None = None
    min_amount: int | None = None
    max_amount: int | None = None


@dataclass(frozen=True)
class DeclarationSearch:
    municipalities: frozenset[str]
    number: str | None = None
    provider: str | None = None
    bsn: str | None = None
    municipality: str | None = None


@dataclass(frozen=True)
class HeldLines:
    """Which held lines a re-match concerns: one of these, or a line by its key."""

    municipality: str | None = None
    allocation_number: int | None = None
    provider: str | None = None
    code: str | None = None
    declaration_id: str | None = None
    reference: str | None = None


class MasterData(Protocol):
    """The region's policy and municipalities, allocations, products, tariffs and ceilings."""

    async def match_context(self, declaration: Declaration, received_on: date) -> MatchContext:
        """Everything the matcher needs for one declaration, in a few set-based reads."""
        ...

    async def policy(self) -> MatchPolicy: ...

    async def four_eyes_from(self) -> int | None: ...

    async def keep_setting(self, name: str, value: object) -> None:
        """A region section as the matcher reads it ("policy", "gemeenten")."""
        ...

    async def record_allocation_version(self, municipality: str, number: int, provider: str, bsn: str,
                                        version: AllocationVersion) -> None:
        """Every version as received (a redelivered one changes nothing); the domain picks (IV013)."""
        ...

    async def record_tariff(self, provider: str, category: str, tariff: Tariff) -> None: ...

    async def close_tariff(self, provider: str, code: str, unit: str, valid_from: date,
                           valid_to: date | None) -> None: ...

    async def record_contract_ceilings(self, published: dict[str, Any]) -> bool:
        """True when the contract's ceilings changed."""
        ...

    async def record_product(self, code: str, category: str) -> bool:
        """True when the product code list changed."""
        ...


class Declarations(Protocol):
    async def held_line(self, declaration_id: str, reference: str, municipalities: frozenset[str]) -> LineState | None:
        """A line in any status, within the municipalities (None: not there, or not theirs)."""
        ...

    async def held_lines(self, which: HeldLines) -> list[LineState]:
        """The held lines a re-match concerns, by declaration and reference."""
        ...

    async def overdue(self, today: date) -> list[LineState]:
        """Held lines whose auto-reject day has come, by declaration and reference."""
        ...

    async def line_outcomes(self, declaration_id: str, references: Sequence[str]) -> list[LineOutcome]:
        """The lines as they stand now, in the order of `references`."""
        ...

    async def state(self, declaration_id: str) -> DeclarationState: ...

    async def received_xml(self, declaration_id: str) -> bytes: ...

    async def keep_received(self, declaration_id: str, xml: Callable[[], bytes]) -> None:
        """The JW323 as received: a record, not rebuilt. Its bytes are made (`xml()`) where they
        are written, so that an adapter whose store copies them anyway holds no copy beside."""
        ...

    async def keep_answer(self, declaration_id: str, answer_id: str, xml: bytes) -> None:
        """The JW325 as sent: a record, not rebuilt."""
        ...

    async def project(self, declaration_id: str, events: Sequence[Any], at: Any) -> None:
        """The read models of the events of one declaration stream that occurred at `at`."""
        ...


class Queue(Protocol):
    """The exception queue as routes read it; rows as the queue's schemas take them."""

    async def page(self, found: QueueFilter, sort: str, limit: int | None, offset: int) -> list[Any]: ...

    async def count(self, found: QueueFilter) -> int: ...

    async def deadlines(self, municipalities: frozenset[str]) -> list[Any]: ...

    async def detail(self, declaration_id: str, reference: str,
                     municipalities: frozenset[str]) -> tuple[Any, dict[str, Any] | None]: ...


class DeclarationReads(Protocol):
    """Whole declarations for finance, within the caller's municipalities."""

    async def search(self, found: DeclarationSearch, limit: int, offset: int) -> tuple[list[Any], int]: ...

    async def held_of(self, declaration_ids: list[str], bsn: str | None) -> dict[str, list[str]]: ...

    async def summary(self, declaration_id: str, municipalities: frozenset[str]) -> Any: ...

    async def lines(self, declaration_id: str, status: str | None, limit: int, offset: int) -> list[Any]: ...

    async def totals(self, declaration_id: str) -> list[Any]: ...

    async def answer_kept(self, declaration_id: str) -> bool: ...

    async def body(self, which: str, declaration_id: str) -> bytes | None: ...

    async def clients_of(self, declaration_id: str) -> list[str]: ...


@dataclass(frozen=True)
class InvoicingPorts:
    master: MasterData
    declarations: Declarations
    queue: Queue
    reads: DeclarationReads
