"""What the allocation service's handlers and routes need from storage, in its own words.

Each Protocol has an SQL adapter (adapters/sql/) and an in-memory one (adapters/memory/); the
bundle `AllocationPorts` is what a unit of work exposes (`work.ports`) and what routes read
through (`ctx.queries`). Records are plain frozen dataclasses, never SQL rows. Projectors
(adapters/projections.py) write the read models through the same ports.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Protocol

from services.allocation.domain.allocation import AllocationVersion
from shared.persistence.ports import Work

FIRST_NUMBER = 100_001
OPEN_STATUSES = ("received", "under_investigation")


@dataclass(frozen=True)
class AllocationRow:
    """The effective version of one allocation and the provider's JW302 outcome for it."""

    version: AllocationVersion
    receipt: str
    receipt_codes: tuple[str, ...]

    @property
    def municipality(self) -> str:
        return self.version.municipality

    @property
    def allocation_number(self) -> int:
        return self.version.number

    @property
    def client_bsn(self) -> str:
        return self.version.client_bsn


@dataclass(frozen=True)
class AllocationFilter:
    municipalities: frozenset[str]
    client_bsn: str | None = None
    provider_agb: str | None = None
    product_code: str | None = None
    category: str | None = None
    status: str | None = None  # active, ended, deleted
    period_start: date | None = None
    period_end: date | None = None


@dataclass(frozen=True)
class SentJw301:
    identification: str
    message_id: str
    municipality: str
    client_bsn: str
    provider_agb: str
    allocation_numbers: tuple[int, ...]
    made_at: datetime
    """Dutch local time without zone, like Toewijzingsdatum + Toewijzingstijd."""


@dataclass(frozen=True)
class RequestRow:
    provider_agb: str
    reference: str
    municipality: str
    client_bsn: str
    kind: str
    status: str
    received_on: date
    due: date | None
    message_id: str | None
    requested: dict[str, Any]
    answer: dict[str, Any] | None


@dataclass(frozen=True)
class ClientQuery:
    municipalities: frozenset[str]
    bsn: str | None = None
    surname: str | None = None
    """The start of the surname (without its prefix), in any case."""
    birth_date: date | None = None

    @property
    def criteria(self) -> list[str]:
        return [name for name in ("bsn", "surname", "birth_date") if getattr(self, name)]


@dataclass(frozen=True)
class FoundClient:
    municipality: str
    client_bsn: str
    details: dict[str, Any]
    allocations: int
    """Allocations not deleted, in that municipality."""


@dataclass(frozen=True)
class Section:
    """A register section of the region file as last received, and the content last applied."""

    name: str
    sha256: str
    content: Any
    applied_sha256: str | None


class EffectiveAllocations(Protocol):
    """The allocations read model: the effective version of each (IV013) and its JW302 outcome."""

    async def effective(self, municipality: str, number: int) -> AllocationVersion | None: ...

    async def of_client_at(self, client_bsn: str, provider_agb: str) -> tuple[AllocationVersion, ...]:
        """Effective versions of a client's allocations at a provider, any municipality (OP259)."""
        ...

    async def next_number(self, municipality: str) -> int: ...

    async def row(self, municipality: str, number: int) -> AllocationRow | None: ...

    async def search(self, f: AllocationFilter, today: date, limit: int) -> list[AllocationRow]:
        """Ordered by municipality and number."""
        ...

    async def put_version(self, version: AllocationVersion) -> None:
        """Keep `version` as the effective one when it sorts after the stored one (`version_order`);
        a first version starts with its JW302 outcome pending."""
        ...

    async def record_receipt(self, municipality: str, number: int, outcome: str, codes: Sequence[str]) -> None: ...


class Clients(Protocol):
    async def details(self, municipality: str, client_bsn: str) -> dict[str, Any] | None: ...

    async def put_details(self, municipality: str, client_bsn: str, details: dict[str, Any]) -> None: ...

    async def find(self, q: ClientQuery, limit: int) -> list[FoundClient]:
        """Ordered by surname, birth date and BSN, within the query's municipalities."""
        ...


class Jw301Log(Protocol):
    """The JW301s sent, by this service or by the municipality itself."""

    async def by_identification(self, identification: str) -> SentJw301 | None: ...

    async def last_made_at(self, municipality: str, client_bsn: str, provider_agb: str) -> datetime | None: ...

    async def add(self, sent: SentJw301) -> None:
        """A second JW301 with one identification is a ConcurrencyError (TR056)."""
        ...


class Requests(Protocol):
    async def row(self, provider_agb: str, reference: str) -> RequestRow | None: ...

    async def open_for_client(self, provider_agb: str, client_bsn: str) -> bool: ...

    async def work_list(self, municipalities: frozenset[str], open_only: bool) -> list[RequestRow]:
        """Ordered by due date, provider and reference."""
        ...

    async def add(self, row: RequestRow) -> None: ...

    async def answer(self, provider_agb: str, reference: str, status: str, due: date | None,
                     answer: dict[str, Any]) -> None: ...


class RegionInput(Protocol):
    """What the service keeps of its input from other services: the region file's register
    sections and invoicing's approved declaration lines per allocation."""

    async def sections(self) -> list[Section]: ...

    async def municipalities(self) -> frozenset[str]:
        """The region's municipalities: the keys of the region file's budgets section, which names
        every municipality (design.md §8)."""
        ...

    async def product_names(self) -> dict[str, str]:
        """Product code -> name, as the region file gives them (the register itself keeps no names)."""
        ...

    async def store_section(self, name: str, sha256: str, content: Any) -> None: ...

    async def mark_applied(self, names: Sequence[str]) -> None: ...

    async def has_approved_lines(self, municipality: str, number: int) -> bool:
        """TR385/OP362: approved, not credited lines on the allocation."""
        ...

    async def add_approved_lines(self, municipality: str, net: Mapping[int, int]) -> None:
        """Per allocation number the approved lines added (a credit line counts -1)."""
        ...


@dataclass(frozen=True)
class AllocationPorts:
    allocations: EffectiveAllocations
    clients: Clients
    jw301s: Jw301Log
    requests: Requests
    region: RegionInput


AllocationWork = Work[AllocationPorts]
"""A unit of work of this service: the event store, the outbox, and the ports bound to it."""
