"""Provider statements: what the book holds for one provider, and its advance settlements."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from services.payments.domain.advances import SettlementStatement, settlement_statement
from services.payments.domain.book import ADVANCE, DUE, IN_RUN, OFFSET, PAID, Book, Item


@dataclass(frozen=True)
class ProviderStatement:
    provider: str
    first: date
    last: date
    items: tuple[Item, ...]
    """Items due between `first` and `last` inclusive, by due date."""

    def total(self, status: str) -> int:
        return sum(i.amount for i in self.items if i.status == status)

    @property
    def due(self) -> int:
        return self.total(DUE)

    @property
    def in_run(self) -> int:
        return self.total(IN_RUN)

    @property
    def paid(self) -> int:
        return self.total(PAID)

    @property
    def offset(self) -> int:
        """Approved on advance contracts, offset against advances rather than paid."""
        return self.total(OFFSET)


def provider_statement(book: Book, provider: str, first: date, last: date) -> ProviderStatement:
    items = sorted(
        (i for i in book.items.values()
         if i.provider == provider and first <= i.due_on <= last),
        key=lambda i: (i.due_on, i.item_id),
    )
    return ProviderStatement(provider, first, last, tuple(items))


@dataclass(frozen=True)
class OpenBalance:
    """What the book owes one provider on behalf of one municipality and has not paid yet."""

    provider: str
    municipality: str
    due: int
    in_run: int
    offset: int


def open_balances(book: Book) -> tuple[OpenBalance, ...]:
    """Unpaid items per (provider, municipality); credits reduce what is owed."""
    totals: dict[tuple[str, str], dict[str, int]] = {}
    for item in book.items.values():
        if item.status != PAID:
            by_status = totals.setdefault((item.provider, item.municipality), {})
            by_status[item.status] = by_status.get(item.status, 0) + item.amount
    return tuple(
        OpenBalance(p, m, t.get(DUE, 0), t.get(IN_RUN, 0), t.get(OFFSET, 0))
        for (p, m), t in sorted(totals.items())
    )


def provider_settlements(book: Book, provider: str, year: int) -> tuple[SettlementStatement, ...]:
    """The settlement statement of each of the provider's advance contracts for `year`."""
    contracts = sorted({
        i.contract_id for i in book.items.values()
        if i.provider == provider and i.kind == ADVANCE and i.period_start.year == year
    })
    return tuple(settlement_statement(book, c, year) for c in contracts)
