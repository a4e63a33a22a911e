"""Bonus and malus on outcome indicators (issue 17, item 6): a contract's clause sets a threshold
on an indicator; once a period has closed, finance settles it and the payment book gets a payable
item of its own kind (bonus > 0, malus < 0), due at once, paid (or deducted) in the next run.
A clause is settled once per period — the item id is the clause's and the period's — so it is
never paid twice: asking again for a period whose every clause was settled is refused
(HF-OUTCOME-SETTLED), and so is a period no clause is measured over (HF-OUTCOME-NO-CLAUSE).

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


class NoClauses(PaymentsError):
    """HF-OUTCOME-NO-CLAUSE: no contract has an outcome clause measured over this kind of period."""


class AlreadySettled(PaymentsError):
    """HF-OUTCOME-SETTLED: every clause of the period was settled before; nothing is paid twice."""


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
    """Settles every clause of the period's kind not settled before (a clause added to the region
    file later is settled on its own)."""
    period = command.period
    if not period.closed(command.today):
        raise PeriodOpen(f"HF-OUTCOME-PERIOD-OPEN: {period.label} has not closed yet")
    of_kind = [(c, m) for c, m in command.measured if c.period_kind == period.kind]
    if not of_kind:
        raise NoClauses(f"HF-OUTCOME-NO-CLAUSE: no outcome clause is settled per {period.kind}")
    unsettled = [(c, m) for c, m in of_kind if item_id(c, period) not in book.outcomes]
    if not unsettled:
        raise AlreadySettled(f"HF-OUTCOME-SETTLED: every outcome clause of {period.label} was settled before")
    return [OutcomeSettled(
        item_id(clause, period), clause.contract_id, clause.clause_id, clause.indicator, clause.provider,
        clause.payer, period.first, period.last, _decimal(measured.value), str(clause.threshold), measured.cases,
        amount_for(clause, measured), command.today, command.by) for clause, measured in unsettled]


def _decimal(value: Fraction | None) -> str | None:
    return None if value is None else str(round(Decimal(value.numerator) / Decimal(value.denominator), 1))
