"""Lump-sum, function and availability financing (issue 17, item 1).

A schedule pays a contract (or one budget line of it) a fixed amount per month or quarter: each
period becomes one payable item, due on its first day, paid through the payment runs like an
advance — once: the item id is the schedule and period, so scheduling again books nothing, a run
cancelled before its export returns the item to due, and an exported run cannot be cancelled.
Each item carries its split over the municipalities by the schedule's shares.

Lines declared under the schedule are recorded for information (payables.py) and never paid on
top. At year end the settlement compares the production — those lines, approved at the contract
tariff — with the lump sums paid and books what the schedule's rule says: `none` nothing,
`difference` all of it, `corridor` only what lies beyond ± corridor_percent of the lump sum.
A positive balance is paid to the provider, a negative one claimed (it nets against the
provider's next payments, as a reclaimed advance does).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from fractions import Fraction

from services.payments.domain.advances import add_months
from services.payments.domain.authorisation import require_finance
from services.payments.domain.book import DUE, IN_RUN, INFORMATION, LUMP_SUM, PAID, Book
from services.payments.domain.errors import LumpSumsOutstanding
from services.payments.domain.events import LumpSumScheduled, LumpSumSettled
from services.payments.domain.rounding import round_half_up
from services.payments.domain.shares import split

NONE, DIFFERENCE, CORRIDOR = "none", "difference", "corridor"
REGION = "regio"
"""The municipality a lump-sum item is booked under: it pays for several, by its split."""


@dataclass(frozen=True)
class LumpSumTerms:
    schedule_id: str
    contract_id: str
    provider: str
    budget_line: str | None
    form: str
    start: date
    end: date
    months_per_period: int
    amount: int
    shares: Mapping[str, Fraction]
    """Fractions of 1 per gemeentecode."""
    settlement: str = NONE
    corridor_percent: int = 0
    lot: str = ""
    """The budget line (perceel) its lump sums count under in the budget: `budget_line`, else its
    contract's lot (every contract belongs to one)."""

    def covers(self, contract_id: str, budget_line: str, on: date) -> bool:
        return (contract_id == self.contract_id and self.start <= on <= self.end
                and self.budget_line in (None, budget_line))


@dataclass(frozen=True)
class ScheduleLumpSums:
    terms: LumpSumTerms
    up_to: date
    by: str
    roles: frozenset[str]


@dataclass(frozen=True)
class SettleLumpSum:
    terms: LumpSumTerms
    year: int
    due_on: date
    by: str
    roles: frozenset[str]


def periods(terms: LumpSumTerms, up_to: date) -> list[tuple[date, date]]:
    found, start = [], terms.start
    while start <= min(up_to, terms.end):
        end = min(add_months(start, terms.months_per_period) - timedelta(days=1), terms.end)
        found.append((start, end))
        start = end + timedelta(days=1)
    return found


def item_id(schedule_id: str, period_start: date) -> str:
    return f"lumpsum:{schedule_id}:{period_start.isoformat()}"


def decide_schedule_lump_sums(command: ScheduleLumpSums, book: Book, now: datetime) -> list[LumpSumScheduled]:
    """One item per period started by `up_to` and not booked yet (idempotent); a settled year
    gets none."""
    require_finance(command.roles)
    t = command.terms
    return [LumpSumScheduled(item_id(t.schedule_id, start), t.schedule_id, t.contract_id, t.provider, REGION,
                             start, end, t.amount, start, split(t.amount, t.shares))
            for start, end in periods(t, command.up_to)
            if item_id(t.schedule_id, start) not in book.items
            and (t.schedule_id, start.year) not in book.lump_sums_settled]


@dataclass(frozen=True)
class LumpSumStatement:
    schedule_id: str
    contract_id: str
    provider: str
    year: int
    lump_sum_paid: int
    lump_sum_open: int
    production: int
    """Lines declared under the schedule (credits subtract), at the contract tariff."""
    lines: int
    rule: str
    corridor_percent: int

    @property
    def balance(self) -> int:
        """What the rule books: > 0 paid to the provider, < 0 claimed from it."""
        if self.rule == DIFFERENCE:
            return self.production - self.lump_sum_paid
        if self.rule != CORRIDOR:
            return 0
        upper = round_half_up(Fraction(self.lump_sum_paid * (100 + self.corridor_percent), 100))
        lower = round_half_up(Fraction(self.lump_sum_paid * (100 - self.corridor_percent), 100))
        return max(self.production - upper, 0) + min(self.production - lower, 0)


def lump_sum_statement(book: Book, terms: LumpSumTerms, year: int) -> LumpSumStatement:
    mine = [i for i in book.items.values() if i.lump_sum == terms.schedule_id and i.period_start.year == year]
    periods_ = [i for i in mine if i.kind == LUMP_SUM]
    lines = [i for i in mine if i.status == INFORMATION]
    return LumpSumStatement(
        terms.schedule_id, terms.contract_id, terms.provider, year,
        lump_sum_paid=sum(i.amount for i in periods_ if i.status == PAID),
        lump_sum_open=sum(i.amount for i in periods_ if i.status in (DUE, IN_RUN)),
        production=sum(i.amount for i in lines), lines=len(lines),
        rule=terms.settlement, corridor_percent=terms.corridor_percent)


def decide_settle_lump_sum(command: SettleLumpSum, book: Book, now: datetime) -> list[LumpSumSettled]:
    require_finance(command.roles)
    t = command.terms
    if (t.schedule_id, command.year) in book.lump_sums_settled:
        return []
    s = lump_sum_statement(book, t, command.year)
    if s.lump_sum_open:
        raise LumpSumsOutstanding(f"HF-LUMP-SUM-OPEN: {s.lump_sum_open} ct of {command.year}'s lump sums of "
                                  f"{t.schedule_id} are not paid yet")
    return [LumpSumSettled(f"lumpsettle:{t.schedule_id}:{command.year}", t.schedule_id, t.contract_id, t.provider,
                           REGION, command.year, s.lump_sum_paid, s.production, s.balance, s.rule, command.due_on,
                           split(s.balance, t.shares), command.by)]
