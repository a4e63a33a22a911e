"""PGB transfers (issue 17, item 4): the regional body pays a municipality's personal budgets for
a month on to the SVB, which pays the budget holders' care providers. Each transfer is a payable
item to the SVB in the payment runs and spending of that municipality in the region's ledger."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from services.payments.domain.authorisation import require_finance
from services.payments.domain.book import Book
from services.payments.domain.errors import FinancingRefused
from services.payments.domain.events import PgbTransferBooked

SVB = "SVB"
"""The creditor of PGB transfers in the payment runs (its account is in the region file)."""
MAX_CENTS = 100_000_000_00


@dataclass(frozen=True)
class BookPgbTransfer:
    municipality: str
    month: date
    amount: int
    reference: str
    due_on: date
    by: str
    roles: frozenset[str]


def pgb_item_id(municipality: str, month: date, reference: str) -> str:
    return f"pgb:{municipality}:{month.strftime('%Y-%m')}:{reference}"


def decide_book_pgb_transfer(command: BookPgbTransfer, book: Book, now: datetime, *, region: frozenset[str],
                             svb_known: bool) -> list[PgbTransferBooked]:
    """Once per municipality, month and reference: the same transfer posted again books nothing."""
    require_finance(command.roles)
    problems = []
    if command.municipality not in region:
        problems.append(("municipality", "HF-PGB-MUNICIPALITY", f"{command.municipality} is not a municipality "
                                                                 "of the region"))
    if command.month.day != 1:
        problems.append(("month", "HF-PGB-MONTH", f"{command.month} is not the first day of a month"))
    if not 0 < command.amount <= MAX_CENTS:
        problems.append(("amount", "HF-PGB-AMOUNT", "the amount is a positive number of eurocents"))
    if not svb_known:
        problems.append(("svb", "HF-PGB-SVB", "the region file gives no account of the SVB (ledger.svb)"))
    if problems:
        raise FinancingRefused(problems)
    item_id = pgb_item_id(command.municipality, command.month, command.reference)
    if item_id in book.items:
        return []
    return [PgbTransferBooked(item_id, SVB, command.municipality, SVB, command.month, command.amount,
                              command.due_on, command.reference, command.by)]
