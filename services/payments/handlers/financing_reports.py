"""What the reports of the region's financing read (issue 17): the ledger per municipality and
month, the equalisation statements, the lump-sum schedules and their monitoring — each from the
payment book as it stood at the end of a day (a replay of its events up to then), so any
earlier statement can be made again exactly as it was."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from services.payments.adapters.region_terms import budget_line_of, products_of
from services.payments.adapters.financing_terms import contributions, equalisation_key, lump_sum_terms
from services.payments.context import Payments
from services.payments.domain import ledger, lump_sums, monitoring
from services.payments.domain.book import Book
from services.payments.handlers.financing import schedule_terms
from shared.clock import AMSTERDAM


@dataclass(frozen=True)
class LedgerView:
    year: int
    as_of: date
    months: tuple[ledger.LedgerMonth, ...]
    statements: tuple[ledger.EqualisationStatement, ...] | None
    """None when the region file gives no equalisation key for the year."""


def end_of(day: date) -> datetime:
    """The last moment of `day` in Dutch time: the book "as of" a day holds what that day booked."""
    return datetime.combine(day + timedelta(days=1), time(), AMSTERDAM) - timedelta(microseconds=1)


async def book_as_of(ctx: Payments, as_of: date | None) -> tuple[date, Book]:
    day = as_of or ctx.clock.today()
    return day, await ctx.financing.history.as_of(end_of(day))


async def ledger_view(ctx: Payments, year: int, as_of: date | None, municipalities: Sequence[str]) -> LedgerView:
    """`municipalities`: the caller's; the equalisation shares the whole region's spending."""
    sections = await ctx.financing.region.sections()
    day, book = await book_as_of(ctx, as_of)
    spent = ledger.spending(book, year)
    paid_in = contributions(sections, year)
    months = [row for m in sorted(municipalities)
              for row in ledger.ledger_months(m, year, paid_in.get(m, 0), spent, day)]
    key = equalisation_key(sections, year)
    statements = None if key is None else tuple(
        s for s in ledger.equalisation(year, key, paid_in, spent, day) if s.municipality in municipalities)
    return LedgerView(year, day, tuple(months), statements)


async def lump_sum_statements(ctx: Payments, year: int, as_of: date | None,
                              visible: frozenset[str]) -> list[lump_sums.LumpSumStatement]:
    """The schedules whose every municipality the caller sees."""
    terms = [t for t in lump_sum_terms(await ctx.financing.region.sections()) if set(t.shares) <= visible]
    _, book = await book_as_of(ctx, as_of)
    return [lump_sums.lump_sum_statement(book, t, year) for t in terms if t.start.year <= year <= t.end.year]


async def monitoring_view(ctx: Payments, schedule_id: str, year: int,
                          visible: frozenset[str]) -> tuple[lump_sums.LumpSumTerms, list[monitoring.MonitoringMonth]]:
    """Spells of the schedule's provider in its municipalities (of its products' budget line when
    the schedule pays one lot), and the lines declared under it."""
    terms = await schedule_terms(ctx, schedule_id, visible)
    spells = await ctx.financing.spells.of_provider(terms.provider, sorted(terms.shares))
    if terms.budget_line is not None:
        products = products_of((await ctx.financing.region.sections()).get("products") or [])
        spells = [s for s in spells if budget_line_of(products, "", s.product) == terms.budget_line]
    _, book = await book_as_of(ctx, None)
    lines = [i for i in book.items.values() if i.lump_sum == schedule_id]
    return terms, monitoring.monitoring(year, spells, lines)
