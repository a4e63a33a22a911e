"""Transfers the bank returned, and where their items stand now: owed again and waiting for the
next run (`due`), in a run not sent to the bank yet (`in_run`), or sent again (`sent_again`).
Finance looks at a return until it is sent again: the provider's account may need correcting
before the money goes out a second time."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from services.payments.domain.book import CONFIRMED, EXPORTED, Book
from services.payments.domain.runs import by_provider

DUE, IN_RUN, SENT_AGAIN = "due", "in_run", "sent_again"


@dataclass(frozen=True)
class ReturnedTransfer:
    run_id: str
    provider: str
    amount: int
    reason: str
    returned_on: date
    state: str
    again_in: str | None
    """The later run its items are in, if any."""


def returned_transfers(book: Book) -> list[ReturnedTransfer]:
    """Every returned transfer, the latest return first."""
    found = []
    for run in book.runs.values():
        items = by_provider(book.items[i] for i in run.item_ids)
        for r in run.returns:
            state, again_in = _now(book, [i.item_id for i in items.get(r.provider, [])])
            found.append(ReturnedTransfer(run.run_id, r.provider, r.amount, r.reason, r.returned_on, state, again_in))
    return sorted(found, key=lambda t: (t.returned_on, t.run_id, t.provider), reverse=True)


def _now(book: Book, item_ids: list[str]) -> tuple[str, str | None]:
    later = [book.items[i].run_id for i in item_ids]
    if not later or None in later:
        return DUE, None
    runs = [book.runs[r] for r in dict.fromkeys(r for r in later if r is not None)]
    waiting = [r for r in runs if r.status not in (EXPORTED, CONFIRMED)]
    return (IN_RUN, waiting[0].run_id) if waiting else (SENT_AGAIN, runs[-1].run_id)
