"""Events of the invoicing service: typed, versioned (shared/events/serializer.py), and its
registry. Names and versions are class constants chosen by people (style.md principle 5);
payloads hold what answers later questions: why was this line rejected, against which allocation
version, which contract tariff, and which tolerance approved it.

Stored events are never rewritten: a field added after version 1 was stored has a default meaning
what the older events meant; where that cannot be, a new version and an upcaster (`UPCASTERS`)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time
from typing import ClassVar

from services.invoicing.domain.declaration import DebitCredit
from shared.events.registry import EventRegistry, EventType, Upcaster

_CREDIT = DebitCredit.CREDIT.value  # an enum member's value is a slow read, and this one is per line


@dataclass(frozen=True)
class LineRecord:
    """The declared line as received, with its client."""

    declaration_number: str
    bsn: str
    reference: str
    previous_reference: str | None
    allocation_number: int
    category: str
    code: str
    period_begin: date
    period_end: date
    volume: int
    unit: str
    tariff: int | None
    amount: int
    debit_credit: str

    @property
    def signed_amount(self) -> int:
        """As `Line.signed_amount`: negative for a credit."""
        return -self.amount if self.debit_credit == _CREDIT else self.amount


@dataclass(frozen=True)
class Basis:
    """What the line was compared against."""

    allocation_number: int | None
    allocation_decided_on: date | None
    allocation_decided_at: time | None
    allocation_deleted: bool
    tariff_code: str | None
    tariff_unit: str | None
    tariff_cents: int | None
    tariff_valid_from: date | None
    ceiling_contract: str | None = None
    """Set when the line did not fit under its contract's budget ceiling: which contract-year,
    the ceiling, and the usage (approved + held) with the line counted, in eurocents."""
    ceiling_year: int | None = None
    ceiling_amount: int | None = None
    ceiling_used: int | None = None
    ceiling_exempt: bool = False
    """Paid regardless of the contract's ceiling (the region's policy). Added after version 1 was
    stored: an older basis has none, and its line was measured against the ceiling."""
    allocation_referrer_type: str | None = None
    """The referrer (COD327) of the allocation version compared with, for the lawfulness evidence.
    Added after version 1 was stored: an older basis has none."""


@dataclass(frozen=True)
class FindingRecord:
    code: str
    rule: str
    detail: str
    limit: int | None
    actual: int | None


@dataclass(frozen=True)
class DeclarationReceived:
    TYPE: ClassVar[str] = "invoicing.DeclarationReceived"
    VERSION: ClassVar[int] = 1
    declaration_number: str
    message_id: str
    message_date: date
    sender_agb: str
    gemeente: str
    period_begin: date
    period_end: date
    received_on: date
    answer_due: date
    total: int
    """TotaalIngediendBedrag, signed eurocents (negative = credit)."""
    line_count: int


@dataclass(frozen=True)
class DeclarationRejected:
    TYPE: ClassVar[str] = "invoicing.DeclarationRejected"
    VERSION: ClassVar[int] = 1
    declaration_number: str
    level: str
    """"message" (level 2, 0001), "header" (9056/8848/S300) or "declaration" (9333/8214)."""
    codes: tuple[str, ...]
    violations: tuple[str, ...]
    """The level-2 rules that failed (CS002, TR358, ...), when level is "message"."""


@dataclass(frozen=True)
class ClientRejected:
    TYPE: ClassVar[str] = "invoicing.ClientRejected"
    VERSION: ClassVar[int] = 1
    declaration_number: str
    bsn: str
    code: str


@dataclass(frozen=True)
class LineApproved:
    TYPE: ClassVar[str] = "invoicing.LineApproved"
    VERSION: ClassVar[int] = 1
    line: LineRecord
    basis: Basis
    findings: tuple[FindingRecord, ...]
    """Non-empty only when tolerances approved findings the rules alone would have held."""
    tolerances: tuple[str, ...]


@dataclass(frozen=True)
class LineRejected:
    TYPE: ClassVar[str] = "invoicing.LineRejected"
    VERSION: ClassVar[int] = 1
    line: LineRecord
    basis: Basis
    codes: tuple[str, ...]
    findings: tuple[FindingRecord, ...]


@dataclass(frozen=True)
class LineHeld:
    TYPE: ClassVar[str] = "invoicing.LineHeld"
    VERSION: ClassVar[int] = 1
    line: LineRecord
    basis: Basis
    codes: tuple[str, ...]
    findings: tuple[FindingRecord, ...]
    auto_reject_on: date
    """Still open on this day, it is rejected with `codes` so the JW325 leaves on time."""


@dataclass(frozen=True)
class HeldLineApproved:
    TYPE: ClassVar[str] = "invoicing.HeldLineApproved"
    VERSION: ClassVar[int] = 1
    declaration_number: str
    reference: str
    by: str
    reason: str
    basis: Basis
    first_approved_by: str | None = None
    """Four eyes: who gave the first approval this one completes (a line at or above the region's
    `four_eyes_from`). Added after version 1 was stored, so optional: an older event had none."""
    first_reason: str | None = None


@dataclass(frozen=True)
class HeldLineFirstApproved:
    """Four eyes: the first of the two approvals a held line at or above the region's
    `four_eyes_from` needs. The line stays held until a second finance user approves it."""

    TYPE: ClassVar[str] = "invoicing.HeldLineFirstApproved"
    VERSION: ClassVar[int] = 1
    declaration_number: str
    reference: str
    by: str
    reason: str


@dataclass(frozen=True)
class HeldLineRejected:
    TYPE: ClassVar[str] = "invoicing.HeldLineRejected"
    VERSION: ClassVar[int] = 1
    declaration_number: str
    reference: str
    codes: tuple[str, ...]
    by: str
    """A staff user id, or "deadline" when the margin rejected it."""
    reason: str


@dataclass(frozen=True)
class DeclarationAnswered:
    TYPE: ClassVar[str] = "invoicing.DeclarationAnswered"
    VERSION: ClassVar[int] = 1
    declaration_number: str
    answers_message_id: str
    answered_on: date
    header_codes: tuple[str, ...]
    declaration_codes: tuple[str, ...]
    submitted: int
    granted: int
    rejected_references: tuple[str, ...]
    answer_id: str | None = None
    """The JW325's message id. Added after version 1 was stored, so optional: an older event
    has none and projects a declaration without it."""


@dataclass(frozen=True)
class HeldLineCommented:
    TYPE: ClassVar[str] = "invoicing.HeldLineCommented"
    VERSION: ClassVar[int] = 1
    declaration_number: str
    reference: str
    by: str
    text: str


@dataclass(frozen=True)
class HeldLineRematched:
    TYPE: ClassVar[str] = "invoicing.HeldLineRematched"
    VERSION: ClassVar[int] = 1
    declaration_number: str
    reference: str
    by: str
    """A staff user who asked, or "rematch" when an allocation or tariff changed."""
    codes: tuple[str, ...]
    """What the matcher finds now; the line stays held (a change of status has its own event)."""
    basis: Basis | None = None
    """What it was compared against this time: the allocation version or tariff may be new.
    Added after version 1 was stored, so optional: an older event leaves the line's basis as it was."""


@dataclass(frozen=True)
class HeldLineClaimed:
    """A person takes a held line to work on; nobody else may claim it until it is released."""

    TYPE: ClassVar[str] = "invoicing.HeldLineClaimed"
    VERSION: ClassVar[int] = 1
    declaration_number: str
    reference: str
    by: str


@dataclass(frozen=True)
class HeldLineReleased:
    TYPE: ClassVar[str] = "invoicing.HeldLineReleased"
    VERSION: ClassVar[int] = 1
    declaration_number: str
    reference: str
    by: str
    """Who released it: not necessarily who claimed it."""


Event = (DeclarationReceived | DeclarationRejected | ClientRejected | LineApproved | LineRejected
         | LineHeld | HeldLineApproved | HeldLineRejected | DeclarationAnswered | HeldLineCommented
         | HeldLineRematched | HeldLineClaimed | HeldLineReleased | HeldLineFirstApproved)
CLASSES = (DeclarationReceived, DeclarationRejected, ClientRejected, LineApproved, LineRejected,
           LineHeld, HeldLineApproved, HeldLineRejected, DeclarationAnswered, HeldLineCommented,
           HeldLineRematched, HeldLineClaimed, HeldLineReleased, HeldLineFirstApproved)
UPCASTERS: dict[tuple[str, int], Upcaster] = {}
"""None yet: every field added since version 1 has a default meaning what older events meant."""


def registry() -> EventRegistry:
    return EventRegistry.of(CLASSES, UPCASTERS)


TYPES: tuple[EventType, ...] = tuple(EventType(c.TYPE, c.VERSION) for c in CLASSES)
"""Names and versions, for what still reads them so."""
