"""Bonus and malus on outcome indicators (issue 17, item 6): a contract's clause sets a threshold
on an indicator; once a period has closed, finance settles it and the payment book gets a payable
item of its own kind (bonus > 0, malus < 0), due at once, paid (or deducted) in the next run.
A clause is settled once per period — the item id is the clause's and the period's — so it is
never paid twice, however often settlement is asked.

Dropout and re-entry are better lower: a bonus when the value is at or below the threshold, a
malus when above it. Satisfaction and goal attainment are better higher: a bonus at or above, a
malus below. Fewer cases than `min_cases` (or no data) settle at 0.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from fractions import Fraction

from services.payments.domain.book import Book
from services.payments.domain.errors import PaymentsError
from services.payments.domain.outcome_events import OutcomeSettled
from services.payments.domain.outcome_periods import Period

LOWER_IS_BETTER = frozenset({"dropout", "reentry"})


class PeriodOpen(PaymentsError):
    """HF-OUTCOME-PERIOD-OPEN: a period is settled only once it has closed."""


@dataclass(frozen=True)
class Clause:
    contract_id: str
    clause_id: str
    indicator: str
    provider: str
    payer: str
    """The municipality that pays: the contract's only one, else the region."""
    period_kind: str
    threshold: Decimal
    bonus: int | None
    malus: int | None
    min_cases: int


@dataclass(frozen=True)
class Measurement:
    value: Fraction | None
    cases: int


@dataclass(frozen=True)
class SettleOutcomes:
    period: Period
    measured: tuple[tuple[Clause, Measurement], ...]
    today: date
    by: str


def item_id(clause: Clause, period: Period) -> str:
    return f"outcome-{clause.contract_id}-{clause.clause_id}-{period.label}"


def amount_for(clause: Clause, measured: Measurement) -> int:
    if measured.value is None or measured.cases < clause.min_cases:
        return 0
    threshold = Fraction(clause.threshold)
    better = (measured.value <= threshold if clause.indicator in LOWER_IS_BETTER
              else measured.value >= threshold)
    if clause.bonus is not None:
        return clause.bonus if better else 0
    return 0 if better else -(clause.malus or 0)


def decide_settle_outcomes(command: SettleOutcomes, book: Book, now: datetime) -> list[OutcomeSettled]:
    """Settles every clause of the period's kind not settled before."""
    if not command.period.closed(command.today):
        raise PeriodOpen(f"HF-OUTCOME-PERIOD-OPEN: {command.period.label} has not closed yet")
    return [OutcomeSettled(
        item_id(clause, command.period), clause.contract_id, clause.clause_id, clause.indicator, clause.provider,
        clause.payer, command.period.first, command.period.last, _decimal(measured.value),
        str(clause.threshold), measured.cases, amount_for(clause, measured), command.today, command.by)
        for clause, measured in command.measured
        if clause.period_kind == command.period.kind and item_id(clause, command.period) not in book.outcomes]


def _decimal(value: Fraction | None) -> str | None:
    return None if value is None else str(round(Decimal(value.numerator) / Decimal(value.denominator), 1))
