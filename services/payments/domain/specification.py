"""The payment specification (betaalspecificatie) of one provider in one run (issue 15): every item
the transfer nets — declared lines, credits, advances, settlements with the advances they offset
— so the provider's accounting can match the money line by line. It lists what was sent, also
after the bank returned the transfer (then `returned` says so).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from services.payments.domain.book import CONFIRMED, EXPORTED, Book, Item, Returned
from services.payments.domain.remittance import end_to_end_id, remittance
from services.payments.domain.runs import by_provider, transfers


@dataclass(frozen=True)
class Specification:
    run_id: str
    provider: str
    run_status: str
    execution_date: date | None
    end_to_end_id: str
    remittance: str | None
    """None when the items net to zero: nothing is transferred, they are settled against each other."""
    total: int
    items: tuple[Item, ...]
    returned: Returned | None = None

    @property
    def credits(self) -> int:
        return sum(i.amount for i in self.items if i.amount < 0)


def specification(book: Book, run_id: str, provider: str) -> Specification | None:
    run = book.runs.get(run_id)
    if run is None:
        return None
    items = by_provider(book.items[i] for i in run.item_ids).get(provider)
    if not items:
        return None
    transfer = next((t for t in transfers(book, run_id) if t.provider == provider), None)
    returned = next((r for r in run.returns if r.provider == provider), None)
    return Specification(run_id, provider, run.status, run.execution_date, end_to_end_id(run_id, provider),
                         remittance(run_id, transfer) if transfer else None, sum(i.amount for i in items),
                         tuple(items), returned)


def sent_to(book: Book, providers: frozenset[str]) -> list[Specification]:
    """The specifications of these providers in every run whose file went to the bank: a run not
    exported yet may still change, so a provider does not see it."""
    found = []
    for run in sorted(book.runs.values(), key=lambda r: (r.execution_date or date.min, r.run_id)):
        if run.status in (EXPORTED, CONFIRMED):
            found += [s for p in sorted(providers) if (s := specification(book, run.run_id, p))]
    return found
