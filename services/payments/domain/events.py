"""Events of the payments service, with their type names and current versions.

Type names are constants chosen by people (style.md principle 5): the `TYPE` of each dataclass is
the stored `type`, its `VERSION` the stored `version`, and its fields are the payload, turned into
JSON and back by the one serializer (shared/events/serializer.py). Money is integer eurocents;
dates are `datetime.date` (ISO strings in the JSON payload). Stored events are never rewritten: a
field added after a version was stored has a default meaning what the older events meant; a
shape that must change gets a new VERSION and an upcaster in `UPCASTERS`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any, ClassVar

from services.payments.domain.outcome_events import OutcomeScoresImported, OutcomeSettled
from shared.events.registry import EventRegistry, EventType, Upcaster


@dataclass(frozen=True, slots=True)
class ApprovedLineBooked:
    """An approved declaration line (debit, amount > 0) or credit (amount < 0) became payable."""

    TYPE: ClassVar[str] = "payments.ApprovedLineBooked"
    VERSION: ClassVar[int] = 1
    line_id: str
    provider: str
    municipality: str
    contract_id: str
    declaration_id: str
    amount: int
    period_start: date
    due_on: date
    credited_line_id: str | None = None
    against_advance: bool = False
    declaration_number: str | None = None
    """The provider's DeclaratieNummer and the line's ReferentieNummer, for the remittance and the
    payment specification. Added after version 1 was stored: an older event has neither."""
    reference: str | None = None
    lump_sum: str | None = None
    """The lump-sum schedule the line falls under (issue 17): recorded for information, never paid
    on top of the lump sum. Added later: an older event has none."""


@dataclass(frozen=True)
class AdvanceScheduled:
    TYPE: ClassVar[str] = "payments.AdvanceScheduled"
    VERSION: ClassVar[int] = 1
    item_id: str
    contract_id: str
    provider: str
    municipality: str
    period_start: date
    period_end: date
    amount: int
    due_on: date


@dataclass(frozen=True)
class AdvancesSettled:
    """Year-end settlement: balance = approved − advances paid; > 0 is paid, < 0 is reclaimed."""

    TYPE: ClassVar[str] = "payments.AdvancesSettled"
    VERSION: ClassVar[int] = 1
    item_id: str
    contract_id: str
    provider: str
    municipality: str
    year: int
    advances_paid: int
    approved: int
    balance: int
    due_on: date
    by: str


@dataclass(frozen=True)
class LumpSumScheduled:
    """One period's fixed amount of a lump-sum, function or availability contract, payable to the
    provider; `split` is its share per municipality (eurocents, summing to `amount`)."""

    TYPE: ClassVar[str] = "payments.LumpSumScheduled"
    VERSION: ClassVar[int] = 1
    item_id: str
    schedule_id: str
    contract_id: str
    provider: str
    municipality: str
    period_start: date
    period_end: date
    amount: int
    due_on: date
    split: dict[str, int]


@dataclass(frozen=True)
class LumpSumSettled:
    """Year end of a lump-sum schedule: the production (lines declared under it) against the lump
    sums paid, and the difference the settlement rule books (> 0 paid, < 0 claimed, 0 nothing)."""

    TYPE: ClassVar[str] = "payments.LumpSumSettled"
    VERSION: ClassVar[int] = 1
    item_id: str
    schedule_id: str
    contract_id: str
    provider: str
    municipality: str
    year: int
    lump_sum: int
    production: int
    balance: int
    rule: str
    due_on: date
    split: dict[str, int]
    by: str


@dataclass(frozen=True)
class PgbTransferBooked:
    """A municipality's personal budgets (PGB) for a month, paid on to the SVB in a payment run."""

    TYPE: ClassVar[str] = "payments.PgbTransferBooked"
    VERSION: ClassVar[int] = 1
    item_id: str
    provider: str
    municipality: str
    contract_id: str
    period_start: date
    amount: int
    due_on: date
    reference: str
    by: str


@dataclass(frozen=True)
class PaymentRunCreated:
    TYPE: ClassVar[str] = "payments.PaymentRunCreated"
    VERSION: ClassVar[int] = 1
    run_id: str
    due_up_to: date
    item_ids: tuple[str, ...]
    total: int
    carried_forward: tuple[str, ...]
    """Providers whose net balance was negative, left out of this run with all their items."""
    by: str


@dataclass(frozen=True)
class PaymentRunReviewed:
    """Stored before four eyes (no longer decided): a review by another user than the creator
    counts as the approval, one by the creator as nothing (book.py)."""

    TYPE: ClassVar[str] = "payments.PaymentRunReviewed"
    VERSION: ClassVar[int] = 1
    run_id: str
    by: str
    note: str = ""


@dataclass(frozen=True)
class PaymentRunApproved:
    """Four eyes: a finance user other than the run's creator approved it for export."""

    TYPE: ClassVar[str] = "payments.PaymentRunApproved"
    VERSION: ClassVar[int] = 1
    run_id: str
    by: str
    note: str = ""


@dataclass(frozen=True)
class PaymentRunExported:
    TYPE: ClassVar[str] = "payments.PaymentRunExported"
    VERSION: ClassVar[int] = 1
    run_id: str
    message_id: str
    execution_date: date
    total: int
    transfers: int
    by: str


@dataclass(frozen=True)
class PaymentRunConfirmed:
    TYPE: ClassVar[str] = "payments.PaymentRunConfirmed"
    VERSION: ClassVar[int] = 1
    run_id: str
    executed_on: date
    by: str


@dataclass(frozen=True)
class PaymentRunCancelled:
    TYPE: ClassVar[str] = "payments.PaymentRunCancelled"
    VERSION: ClassVar[int] = 1
    run_id: str
    reason: str
    by: str


@dataclass(frozen=True)
class TransferReturned:
    """The bank returned one transfer of an exported run (camt.053 return, or reported by finance):
    exactly that transfer's items are owed again. `reason` is the bank's ISO 20022 return reason
    code (AC04 account closed, MD07 creditor deceased, ...)."""

    TYPE: ClassVar[str] = "payments.TransferReturned"
    VERSION: ClassVar[int] = 1
    run_id: str
    provider: str
    item_ids: tuple[str, ...]
    amount: int
    reason: str
    returned_on: date
    by: str
    statement_id: str | None = None
    """The bank statement (camt.053) it was read from; None when finance reported it by hand.
    Added after version 1 was stored, so optional."""


@dataclass(frozen=True)
class TransferBooked:
    """The bank's statement shows one transfer of an exported run executed (a debit entry with its
    EndToEndId)."""

    TYPE: ClassVar[str] = "payments.TransferBooked"
    VERSION: ClassVar[int] = 1
    run_id: str
    provider: str
    amount: int
    booked_on: date
    statement_id: str
    by: str


@dataclass(frozen=True)
class BankStatementImported:
    """A camt.053 statement of the region's account was imported: once per account and statement id."""

    TYPE: ClassVar[str] = "payments.BankStatementImported"
    VERSION: ClassVar[int] = 1
    statement_id: str
    message_id: str
    account: str
    entries: int
    matched: int
    """Transactions that were transfers of exported runs."""
    by: str


@dataclass(frozen=True)
class CeilingSet:
    TYPE: ClassVar[str] = "payments.CeilingSet"
    VERSION: ClassVar[int] = 1
    contract_id: str
    provider: str
    year: int
    amount: int
    warn_at: tuple[int, ...]
    """Warning thresholds in whole percent, ascending; 100 % ("op rood") is always watched."""


@dataclass(frozen=True, slots=True)
class CeilingUsageRecorded:
    """A line's usage under a ceiling: status "approved" or "held" with its amount, or "released"
    (a held line rejected: amount 0). Credits are recorded as approved with a negative amount."""

    TYPE: ClassVar[str] = "payments.CeilingUsageRecorded"
    VERSION: ClassVar[int] = 1
    contract_id: str
    year: int
    line_id: str
    status: str
    amount: int


@dataclass(frozen=True)
class CeilingThresholdCrossed:
    TYPE: ClassVar[str] = "payments.CeilingThresholdCrossed"
    VERSION: ClassVar[int] = 1
    contract_id: str
    provider: str
    year: int
    percent: int
    usage: int
    ceiling: int


@dataclass(frozen=True)
class CeilingOverdrawn:
    """Usage reached 100 % of the ceiling: the contract is "op rood"."""

    TYPE: ClassVar[str] = "payments.CeilingOverdrawn"
    VERSION: ClassVar[int] = 1
    contract_id: str
    provider: str
    year: int
    usage: int
    ceiling: int


@dataclass(frozen=True)
class DeclarationEvidenceRecorded:
    """What invoicing settled a declaration on, kept as payments' own record (stream
    `evidence-{declaration_id}`), so the lawfulness evidence replays from payments' events alone:
    per approved line its product, period and evidence (shared/exchange/invoicing.py, without the
    client's BSN), the rules each kind of line was checked against, and the rejected lines.

    The lines are written typed (domain/evidence_lines.py `EvidenceLine`, invoicing's
    `SettledRejection`) and read back as the JSON objects they were stored as (dicts): the
    lawfulness evidence reads them so, from stored events of every age alike."""

    TYPE: ClassVar[str] = "payments.DeclarationEvidenceRecorded"
    VERSION: ClassVar[int] = 1
    declaration_id: str
    declaration_number: str
    provider: str
    municipality: str
    answered_on: date
    answer_id: str | None
    checks: dict[str, Any]
    lines: tuple[Any, ...]
    """`EvidenceLine` as decided, its JSON object (a dict) as read back."""
    rejected: tuple[Any, ...]
    """`SettledRejection` as decided, its JSON object (a dict) as read back."""


@dataclass(frozen=True)
class RegionSectionRecorded:
    """A section of the region file as it arrived (budgets, products, policy), kept as an event
    (stream `sections-{region}`) so a report as of a date reads the budgets of that date."""

    TYPE: ClassVar[str] = "payments.RegionSectionRecorded"
    VERSION: ClassVar[int] = 1
    section: str
    content: Any


BookEvent = (
    ApprovedLineBooked
    | AdvanceScheduled
    | AdvancesSettled
    | LumpSumScheduled
    | LumpSumSettled
    | PgbTransferBooked
    | PaymentRunCreated
    | PaymentRunReviewed
    | PaymentRunApproved
    | PaymentRunExported
    | PaymentRunConfirmed
    | PaymentRunCancelled
    | TransferReturned
    | TransferBooked
    | BankStatementImported
    | OutcomeSettled
)
CeilingEvent = CeilingSet | CeilingUsageRecorded | CeilingThresholdCrossed | CeilingOverdrawn

CLASSES: tuple[type, ...] = (
    ApprovedLineBooked,
    AdvanceScheduled,
    AdvancesSettled,
    PaymentRunCreated,
    PaymentRunReviewed,
    PaymentRunApproved,
    PaymentRunExported,
    PaymentRunConfirmed,
    PaymentRunCancelled,
    TransferReturned,
    TransferBooked,
    BankStatementImported,
    CeilingSet,
    CeilingUsageRecorded,
    CeilingThresholdCrossed,
    CeilingOverdrawn,
    LumpSumScheduled,
    LumpSumSettled,
    PgbTransferBooked,
    DeclarationEvidenceRecorded,
    RegionSectionRecorded,
    OutcomeScoresImported,
    OutcomeSettled,
)

UPCASTERS: dict[tuple[str, int], Upcaster] = {}
"""Every payments event is still at version 1: fields added since have defaults (see above)."""


def registry() -> EventRegistry:
    return EventRegistry.of(CLASSES, UPCASTERS)


TYPES: tuple[EventType, ...] = tuple(EventType(c.TYPE, c.VERSION) for c in CLASSES)
"""Names and versions, for what still reads them so."""
