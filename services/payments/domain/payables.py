"""Approved lines and credits become payable items (design.md §6, issue 7 rule 1)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, timedelta

from services.payments.domain.book import Book
from services.payments.domain.commands import BookApprovedLine
from services.payments.domain.events import ApprovedLineBooked


def due_date(command: BookApprovedLine) -> date:
    """A debit is due `payment_term_days` after the JW325 that approved it. A credit reduces what
    is owed at once: it is due on the answer date, so the next run already nets it."""
    if command.amount < 0:
        return command.answered_on
    return command.answered_on + timedelta(days=command.payment_term_days)


def decide_book_approved_line(
    command: BookApprovedLine, book: Book, now: datetime
) -> list[ApprovedLineBooked]:
    """Idempotent per line id: a line already in the book, whatever is redelivered, changes
    nothing — so it can never be paid twice.

    A line on a contract that pays advances is offset against them (not paid on its own) until
    that contract-year is settled; after settlement it is paid like any other line. A line under a
    lump-sum schedule is recorded for information only: the lump sum pays it (lump_sums.py).
    """
    if command.line_id in book.items:
        return []
    year = command.period_start.year
    offset = (command.contract_pays_advances and not command.lump_sum
              and (command.contract_id, year) not in book.settled)
    return [
        ApprovedLineBooked(
            line_id=command.line_id, provider=command.provider,
            municipality=command.municipality, contract_id=command.contract_id,
            declaration_id=command.declaration_id, amount=command.amount,
            period_start=command.period_start, due_on=due_date(command),
            credited_line_id=command.credited_line_id, against_advance=offset,
            declaration_number=command.declaration_number, reference=command.reference,
            lump_sum=command.lump_sum,
        )
    ]


def decide_book_approved_lines(
    commands: Iterable[BookApprovedLine], book: Book, now: datetime
) -> list[ApprovedLineBooked]:
    """The lines of one settled declaration at once: what deciding each in turn against the book
    evolved by the ones before would give — booking a line changes only the item map, so a
    line id seen earlier in the batch is all that differs — without folding the book per line."""
    seen: set[str] = set()
    decided: list[ApprovedLineBooked] = []
    for command in commands:
        if command.line_id not in seen:
            seen.add(command.line_id)
            decided += decide_book_approved_line(command, book, now)
    return decided
