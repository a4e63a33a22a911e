"""What lump-sum, function and availability financing takes of each municipality's budget
(issue 17, item 1; design.md §6).

A schedule pays its periods whatever the provider declares, so the budget counts the periods:
- realised: every period booked in the payment book, by its split over the municipalities, in
  the month the period starts — the month the region's ledger shows it in (ledger.py) — and a
  year-end settlement once booked, by its split, in December of its year;
- committed: every period of the year not booked yet, split alike: the lump sum is owed for it
  whether or not finance has booked it. A year already settled books no more periods, so it
  commits none; a settlement still to come commits nothing, as its amount is known only when the
  year closes.
Every amount counts under the schedule's lot (`LumpSumTerms.lot`). The lines declared under a
schedule are information and never reach the budget (adapters/views.py leaves them out).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from services.payments.domain.book import LUMP_SETTLEMENT, LUMP_SUM, Book
from services.payments.domain.budget import Realised, Scheduled
from services.payments.domain.calendar_periods import month_of
from services.payments.domain.lump_sums import LumpSumTerms, item_id, periods
from services.payments.domain.shares import split


def lump_sum_facts(schedules: Iterable[LumpSumTerms], book: Book,
                   year: int) -> tuple[list[Realised], list[Scheduled]]:
    """The realised and the committed amounts of `year` of every schedule, per municipality."""
    by_id = {t.schedule_id: t for t in schedules}
    realised = [Realised(municipality, by_id[item.lump_sum].lot, month_of(item.period_start), cents)
                for item in book.items.values()
                if item.kind in (LUMP_SUM, LUMP_SETTLEMENT) and item.lump_sum in by_id
                and item.period_start.year == year
                for municipality, cents in (item.split or {}).items()]
    return realised, [fact for t in by_id.values() for fact in _not_booked(t, book, year)]


def _not_booked(terms: LumpSumTerms, book: Book, year: int) -> list[Scheduled]:
    if (terms.schedule_id, year) in book.lump_sums_settled:
        return []
    return [Scheduled(municipality, terms.lot, start, cents)
            for start, _ in periods(terms, date(year, 12, 31))
            if start.year == year and item_id(terms.schedule_id, start) not in book.items
            for municipality, cents in split(terms.amount, terms.shares).items()]


@dataclass(frozen=True)
class LumpSumPaid:
    """A municipality's share of a lump-sum period or settlement booked for a contract."""

    municipality: str
    provider: str
    contract_id: str
    amount: int


def lump_sums_paid(book: Book, year: int) -> list[LumpSumPaid]:
    """Every share of `year`'s booked lump-sum periods and settlements, per contract: what the
    spending per contractor counts instead of the lines declared under a lump sum."""
    return [LumpSumPaid(municipality, item.provider, item.contract_id, cents) for item in book.items.values()
            if item.kind in (LUMP_SUM, LUMP_SETTLEMENT) and item.period_start.year == year
            for municipality, cents in (item.split or {}).items()]
