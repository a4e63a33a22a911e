"""Commands of the allocation aggregate, and the facts its deciders take beside them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from services.allocation.domain.allocation import AllocationVersion
from services.allocation.domain.values import REASON_EXTENSION, Extent, Product


@dataclass(frozen=True)
class IssueAllocation:
    municipality: str
    number: int
    client_bsn: str
    provider_agb: str
    product: Product | None
    start: date
    end: date | None = None
    extent: Extent | None = None
    budget: int | None = None
    referrer_type: str | None = None
    provider_reference: str | None = None
    comment: str | None = None


@dataclass(frozen=True)
class ClientContext:
    """Facts for issuing: whether the product is contracted for the provider on the period
    (register.is_contracted) and the client's other allocations at this provider (their
    effective versions, any municipality)."""

    contracted: bool
    others: tuple[AllocationVersion, ...] = ()


@dataclass(frozen=True)
class ExtendAllocation:
    municipality: str
    number: int
    end: date
    reason: str = REASON_EXTENSION
    comment: str | None = None
    provider_reference: str | None = None  # set when honouring a VOW (IV097)


@dataclass(frozen=True)
class ShortenAllocation:
    """Intrekken: shorten or revoke. Revoking is shortening to an end on or before today."""

    municipality: str
    number: int
    end: date
    reason: str
    comment: str | None = None
    provider_reference: str | None = None  # set when honouring a VOW (IV097)


@dataclass(frozen=True)
class DeleteAllocation:
    municipality: str
    number: int
    comment: str | None = None


@dataclass(frozen=True)
class AdjustVolume:
    municipality: str
    number: int
    volume: int
    reason: str
    provider_consented: bool = False
    provider_reference: str | None = None


@dataclass(frozen=True)
class AdjustBudget:
    municipality: str
    number: int
    budget: int
    reason: str
    provider_consented: bool = False
    provider_reference: str | None = None


@dataclass(frozen=True)
class RecordAllocationVersion:
    """A JW301 ToegewezenProduct version decided elsewhere (a municipality's own system, a
    migration): recorded as it is, whatever order versions arrive in (OP080)."""

    version: AllocationVersion
