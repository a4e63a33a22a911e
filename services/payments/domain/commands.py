"""Commands of the payments service. `by` is the acting user, `roles` that user's roles."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the statement's shape lives with its decider
    from services.payments.domain.bank_statements import BankStatement


@dataclass(frozen=True, slots=True)
class BookApprovedLine:
    """From invoicing's LineApproved (and approved credits). Redelivery must change nothing."""

    line_id: str
    provider: str
    municipality: str
    contract_id: str
    declaration_id: str
    amount: int
    """Signed eurocents: debit > 0, credit < 0 (the approved amount, TotaalToegekend sign)."""
    period_start: date
    answered_on: date
    """Date of the JW325 that approved the line: the payment term runs from here."""
    payment_term_days: int
    contract_pays_advances: bool = False
    credited_line_id: str | None = None
    declaration_number: str | None = None
    """The provider's DeclaratieNummer: what its accounting matches the payment with."""
    reference: str | None = None
    """The line's ReferentieNummer as the provider declared it."""
    lump_sum: str | None = None
    """The lump-sum schedule the line falls under: recorded for information, not paid."""


@dataclass(frozen=True)
class AdvanceTerms:
    """A contract's fixed advance: `amount` per period of `months_per_period` months."""

    contract_id: str
    provider: str
    municipality: str
    amount: int
    first_period_start: date
    last_period_end: date
    months_per_period: int = 1


@dataclass(frozen=True)
class ScheduleAdvances:
    terms: AdvanceTerms
    up_to: date
    """Schedule every period that starts on or before this date."""
    by: str
    roles: frozenset[str]


@dataclass(frozen=True)
class SettleAdvances:
    contract_id: str
    year: int
    due_on: date
    by: str
    roles: frozenset[str]


@dataclass(frozen=True)
class CreatePaymentRun:
    run_id: str
    due_up_to: date
    by: str
    roles: frozenset[str]


@dataclass(frozen=True)
class ApprovePaymentRun:
    """Four eyes: approved by a finance user other than the run's creator before the export."""

    run_id: str
    by: str
    roles: frozenset[str]
    note: str = ""


@dataclass(frozen=True)
class ExportPaymentRun:
    run_id: str
    message_id: str
    execution_date: date
    by: str
    roles: frozenset[str]


@dataclass(frozen=True)
class ConfirmPaymentRun:
    run_id: str
    executed_on: date
    by: str
    roles: frozenset[str]


@dataclass(frozen=True)
class CancelPaymentRun:
    run_id: str
    reason: str
    by: str
    roles: frozenset[str]


@dataclass(frozen=True)
class ReturnTransfer:
    """The bank reports one transfer of a run returned (camt.053 entry, or finance reading it)."""

    run_id: str
    provider: str
    amount: int
    """What the bank returned, in eurocents: the whole transfer (a partial return is refused)."""
    reason: str
    """ISO 20022 ExternalReturnReason1Code, four characters (AC04, MD07, ...)."""
    returned_on: date
    by: str
    roles: frozenset[str]


@dataclass(frozen=True)
class ImportBankStatement:
    statement: BankStatement
    region_account: str
    """The region's IBAN: a statement of any other account is refused."""
    by: str
    roles: frozenset[str]


@dataclass(frozen=True)
class SetCeiling:
    contract_id: str
    provider: str
    year: int
    amount: int
    warn_at: tuple[int, ...] = (70, 95)


@dataclass(frozen=True, slots=True)
class RecordCeilingUsage:
    """A line under a ceiling was approved, held, or (when held) rejected: "released"."""

    contract_id: str
    year: int
    line_id: str
    status: str
    amount: int
