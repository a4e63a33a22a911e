"""Budget exhaustion per municipality, year and budget line (perceel), per month (design.md §6).

realised = the approved amounts (credits subtract) by the month of care (ProductPeriode): a line
counts from the moment it is final — approved by the rules or by a person — not only once its
declaration's JW325 has gone out, which waits for the last held line of the declaration; a credit
counts only once the debet it cancels is counted (the caller leaves the others out), so a credit
never makes a month's realised negative by itself;
pending ("in behandeling") = the held lines waiting for a person, by month of care: not realised
and not in the forecast, as they may yet be rejected;
committed = commitments of the active allocations of the budget line, and the fixed amounts owed
for periods not booked yet (lump sums, issue 17: lump_sum_budget.py);
forecast = realised + committed; run rate = the average realised per complete month of the year
so far, projected over twelve months. Declarations arrive after the month, so recent months'
realised figures grow as declarations come in; the current month is committed, not realised.
The region file assigns each product to a budget line; the caller puts that line on each fact.

Under a lump-sum schedule the lump sum is what is paid: its booked periods are realised, its
lines are information and never facts here, and an allocation under it commits nothing for the
months the schedule covers (its care is paid by the lump sum; schedules run in whole months).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from fractions import Fraction

from services.payments.domain.calendar_periods import month_of
from services.payments.domain.commitments import AllocationTerms, committed_by_month
from services.payments.domain.lump_sums import LumpSumTerms
from services.payments.domain.rounding import percent_of, round_half_up

APPROVED, HELD, REJECTED = "approved", "held", "rejected"
"""A declared line's status as invoicing reports it: realised, pending, or neither."""


@dataclass(frozen=True)
class BudgetLine:
    municipality: str
    year: int
    name: str
    amount: int


@dataclass(frozen=True)
class Realised:
    municipality: str
    budget_line: str
    month: date
    amount: int
    pending: bool = False
    """A held line (in behandeling) rather than an approved one."""


@dataclass(frozen=True)
class Scheduled:
    """A fixed amount owed for a month and not booked yet (a lump-sum period): committed."""

    municipality: str
    budget_line: str
    month: date
    amount: int


@dataclass(frozen=True)
class MonthFigures:
    month: date
    realised: int
    committed: int
    forecast_to_date: int
    """Cumulative realised + committed up to and including this month."""
    pending: int = 0


@dataclass(frozen=True)
class BudgetReport:
    line: BudgetLine
    as_of: date
    months: tuple[MonthFigures, ...]
    run_rate: int | None
    """Projected year total at the realised run rate; None before a month of the year is over."""

    @property
    def realised(self) -> int:
        return sum(m.realised for m in self.months)

    @property
    def committed(self) -> int:
        return sum(m.committed for m in self.months)

    @property
    def pending(self) -> int:
        return sum(m.pending for m in self.months)

    @property
    def forecast(self) -> int:
        return self.realised + self.committed

    @property
    def remaining(self) -> int:
        return self.line.amount - self.forecast

    @property
    def exhaustion_percent(self) -> int:
        return percent_of(self.forecast, self.line.amount)


def _in_line(line: BudgetLine, municipality: str, budget_line: str) -> bool:
    return (municipality, budget_line) == (line.municipality, line.name)


def realised_by_month(line: BudgetLine, realised: Iterable[Realised], pending: bool = False) -> Counter[date]:
    """Approved (or, with `pending`, held) amounts of the line's year per month of care."""
    totals: Counter[date] = Counter()
    for r in realised:
        if _in_line(line, r.municipality, r.budget_line) and r.month.year == line.year and r.pending == pending:
            totals[month_of(r.month)] += r.amount
    return totals


def committed_in_line(
    line: BudgetLine, allocations: Iterable[AllocationTerms], as_of: date,
    scheduled: Iterable[Scheduled] = (), lump_sums: Sequence[LumpSumTerms] = (),
) -> Counter[date]:
    from_ = max(month_of(as_of), date(line.year, 1, 1))
    totals: Counter[date] = Counter()
    for terms in allocations:
        if _in_line(line, terms.municipality, terms.budget_line):
            totals.update({month: cents for month, cents in committed_by_month(terms, from_, date(line.year, 12, 31))
                           .items() if not paid_by_lump_sum(terms, month, lump_sums)})
    for s in scheduled:
        if _in_line(line, s.municipality, s.budget_line) and s.month.year == line.year:
            totals[month_of(s.month)] += s.amount
    return totals


def paid_by_lump_sum(terms: AllocationTerms, month: date, lump_sums: Sequence[LumpSumTerms]) -> bool:
    """The allocation's contract (and budget line) is paid by a lump sum in `month`."""
    return terms.contract_id is not None and any(
        t.covers(terms.contract_id, terms.budget_line, month) for t in lump_sums)


def complete_months(year: int, as_of: date) -> int:
    return max(0, min(12, (as_of.year - year) * 12 + as_of.month - 1))


def run_rate(line: BudgetLine, realised: Counter[date], as_of: date) -> int | None:
    elapsed = complete_months(line.year, as_of)
    if not elapsed:
        return None
    so_far = sum(amount for month, amount in realised.items() if month.month <= elapsed)
    return round_half_up(Fraction(so_far * 12, elapsed))


def budget_reports(
    lines: Iterable[BudgetLine], realised: Iterable[Realised],
    allocations: Iterable[AllocationTerms], as_of: date,
    scheduled: Iterable[Scheduled] = (), lump_sums: Sequence[LumpSumTerms] = (),
) -> tuple[BudgetReport, ...]:
    """Budget exhaustion of a municipality (or several): one report per budget line."""
    realised, allocations, scheduled = list(realised), list(allocations), list(scheduled)
    return tuple(budget_report(line, realised, allocations, as_of, scheduled, lump_sums) for line in lines)


def budget_report(
    line: BudgetLine, realised: Iterable[Realised], allocations: Iterable[AllocationTerms],
    as_of: date, scheduled: Iterable[Scheduled] = (), lump_sums: Sequence[LumpSumTerms] = (),
) -> BudgetReport:
    realised = list(realised)
    done, pending = realised_by_month(line, realised), realised_by_month(line, realised, pending=True)
    committed = committed_in_line(line, allocations, as_of, scheduled, lump_sums)
    months, running = [], 0
    for number in range(1, 13):
        month = date(line.year, number, 1)
        running += done[month] + committed[month]
        months.append(MonthFigures(month, done[month], committed[month], running, pending[month]))
    return BudgetReport(line, as_of, tuple(months), run_rate(line, done, as_of))
