"""Events of the allocation, client and JW301 streams.

Allocation stream: one per (gemeentecode, ToewijzingNummer). Every version event carries the full
ToegewezenProduct version it creates, with the same fields under each name: what differs is why
the version was made. Client stream: one per (gemeentecode, BSN). JW301 stream: one per
BerichtIdentificatie.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any, ClassVar

from services.allocation.domain.values import Extent, Product


@dataclass(frozen=True)
class VersionEvent:
    """One ToegewezenProduct version. Fields stored as absent in older events default to None:
    referrer type, VOT/VOW reference and comment were not known then, and `recorded_by` (the
    staff user who decided it) is absent for a version the municipality's own system sent."""

    TYPE: ClassVar[str]
    VERSION: ClassVar[int] = 1
    municipality: str
    allocation_number: int
    client_bsn: str
    provider_agb: str
    start: date
    allocated_on: date
    allocated_at: time
    product: Product | None = None
    end: date | None = None
    extent: Extent | None = None
    budget: int | None = None
    change_reason: str | None = None
    referrer_type: str | None = None
    provider_reference: str | None = None
    comment: str | None = None
    recorded_by: str | None = None


@dataclass(frozen=True)
class AllocationIssued(VersionEvent):
    TYPE: ClassVar[str] = "allocation.AllocationIssued"


@dataclass(frozen=True)
class AllocationExtended(VersionEvent):
    TYPE: ClassVar[str] = "allocation.AllocationExtended"


@dataclass(frozen=True)
class AllocationShortened(VersionEvent):
    TYPE: ClassVar[str] = "allocation.AllocationShortened"


@dataclass(frozen=True)
class AllocationDeleted(VersionEvent):
    TYPE: ClassVar[str] = "allocation.AllocationDeleted"


@dataclass(frozen=True)
class AllocationVolumeAdjusted(VersionEvent):
    TYPE: ClassVar[str] = "allocation.AllocationVolumeAdjusted"


@dataclass(frozen=True)
class AllocationBudgetAdjusted(VersionEvent):
    TYPE: ClassVar[str] = "allocation.AllocationBudgetAdjusted"


@dataclass(frozen=True)
class AllocationVersionRecorded(VersionEvent):
    TYPE: ClassVar[str] = "allocation.AllocationVersionRecorded"


@dataclass(frozen=True)
class ReceiptRecorded:
    """The provider's JW302 outcome for this allocation: a fact, not a decision, so no decider
    makes it and the aggregate passes it by; only the read model shows it."""

    TYPE: ClassVar[str] = "allocation.ReceiptRecorded"
    VERSION: ClassVar[int] = 1
    municipality: str
    allocation_number: int
    jw301_identification: str
    outcome: str
    codes: tuple[str, ...]


@dataclass(frozen=True)
class ClientDetailsRecorded:
    """The particulars a JW301 must carry (name, birth date, gender, contact), as the staff API,
    a JW315 or a municipality's JW301 last gave them, in the JW301's own shape."""

    TYPE: ClassVar[str] = "allocation.ClientDetailsRecorded"
    VERSION: ClassVar[int] = 1
    municipality: str
    client_bsn: str
    details: dict[str, Any]


@dataclass(frozen=True)
class AllocationMessageSent:
    """A JW301 went to the provider, sent by this service (OP087) or by the municipality itself;
    `made_at` is Dutch local time without zone, compared with Toewijzingsdatum + -tijd."""

    TYPE: ClassVar[str] = "allocation.AllocationMessageSent"
    VERSION: ClassVar[int] = 1
    identification: str
    message_id: str
    municipality: str
    client_bsn: str
    provider_agb: str
    allocation_numbers: tuple[int, ...]
    made_at: datetime


VERSION_CLASSES: tuple[type[VersionEvent], ...] = (
    AllocationIssued, AllocationExtended, AllocationShortened, AllocationDeleted, AllocationVolumeAdjusted,
    AllocationBudgetAdjusted, AllocationVersionRecorded,
)
