"""The region's own ledger with its municipalities (issue 17, item 4).

Each municipality pays the regional body a contribution per month (its schedule in the region
file); the regional body spends for that municipality's clients: the care approved for them
(lines and credits, also those offset against a provider's advances), its share of every lump
sum and lump-sum settlement, and the PGB transfers to the SVB. Spending is counted by the month
of care when it is booked (owed), not when a run pays it; advances and their settlements are
left out, as they pre-finance lines already counted, and lines under a lump sum are information.

At year end the total spent is shared by the equalisation key (verevening), and each
municipality's statement reads, with K its share of the total cost:
  equalisation V = K − own spending  (> 0: it carries part of others' cost; the V sum to 0)
  settlement   A = contributions − K (> 0: the region pays it back; < 0: it pays the rest)
so that contributions − spending − V − A = 0 for every municipality.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from fractions import Fraction

from services.payments.domain.book import CREDIT, INFORMATION, LINE, LUMP_SETTLEMENT, LUMP_SUM, PGB, Book
from services.payments.domain.shares import split

CARE, LUMP_SUMS, PGB_TRANSFERS = "care", "lump_sums", "pgb"


@dataclass(frozen=True)
class Spent:
    municipality: str
    month: date
    kind: str
    amount: int


@dataclass(frozen=True)
class LedgerMonth:
    municipality: str
    month: date
    contributions: int
    care: int
    lump_sums: int
    pgb: int
    balance: int
    """Contributions minus spending, cumulative up to and including this month."""

    @property
    def spending(self) -> int:
        return self.care + self.lump_sums + self.pgb


@dataclass(frozen=True)
class EqualisationStatement:
    municipality: str
    year: int
    contributions: int
    spending: int
    share: Fraction
    cost_share: int
    """K: the municipality's part of the region's total spending by the key."""

    @property
    def equalisation(self) -> int:
        return self.cost_share - self.spending

    @property
    def settlement(self) -> int:
        """> 0: the region pays the municipality back; < 0: the municipality pays the rest."""
        return self.contributions - self.cost_share


def spending(book: Book, year: int) -> list[Spent]:
    found = []
    for item in book.items.values():
        if item.period_start.year != year:
            continue
        month = item.period_start.replace(day=1)
        if item.kind in (LINE, CREDIT) and item.status != INFORMATION:
            found.append(Spent(item.municipality, month, CARE, item.amount))
        elif item.kind in (LUMP_SUM, LUMP_SETTLEMENT):
            found += [Spent(m, month, LUMP_SUMS, cents) for m, cents in (item.split or {}).items()]
        elif item.kind == PGB:
            found.append(Spent(item.municipality, month, PGB_TRANSFERS, item.amount))
    return found


def contribution_months(per_month: int, year: int, as_of: date) -> dict[date, int]:
    """The months of `year` begun by `as_of`, each with its contribution."""
    return {date(year, m, 1): per_month for m in range(1, 13) if date(year, m, 1) <= as_of}


def ledger_months(municipality: str, year: int, per_month: int, spent: Iterable[Spent],
                  as_of: date) -> list[LedgerMonth]:
    paid_in = contribution_months(per_month, year, as_of)
    out: dict[tuple[date, str], int] = defaultdict(int)
    for s in spent:
        if s.municipality == municipality:
            out[(s.month, s.kind)] += s.amount
    months = sorted(set(paid_in) | {month for month, _ in out})
    rows, balance = [], 0
    for month in months:
        care, lump, pgb = (out[(month, k)] for k in (CARE, LUMP_SUMS, PGB_TRANSFERS))
        balance += paid_in.get(month, 0) - care - lump - pgb
        rows.append(LedgerMonth(municipality, month, paid_in.get(month, 0), care, lump, pgb, balance))
    return rows


def equalisation(year: int, key: Mapping[str, Fraction], contributions: Mapping[str, int],
                 spent: Iterable[Spent], as_of: date) -> list[EqualisationStatement]:
    """A statement per municipality of the key; `key` holds fractions summing to 1."""
    own: dict[str, int] = defaultdict(int)
    for s in spent:
        own[s.municipality] += s.amount
    costs = split(sum(own.values()), key)
    return [EqualisationStatement(m, year, sum(contribution_months(contributions.get(m, 0), year, as_of).values()),
                                  own[m], key[m], costs[m]) for m in sorted(key)]
