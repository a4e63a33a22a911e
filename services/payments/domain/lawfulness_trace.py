"""Every euro paid, traced (the lawfulness evidence, issue 15): from the payment — the run, the
transfer and its EndToEndId, the day the bank booked it — to the JW325 line and the evidence the
declaration was settled on. Pure: it takes the payment book's events and the declarations'
evidence as recorded up to the report's date.

An item is paid when the bank executed its transfer: its run was confirmed, or the bank's
statement booked the transfer; a transfer the bank returned pays nothing (its items are owed
again, and paid by a later run). A run sent to the bank and not yet booked is in transit: not
counted as paid on that date.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from services.payments.domain import events as ev
from services.payments.domain.book import CONFIRMED, EXPORTED, Book, Item, fold
from services.payments.domain.remittance import end_to_end_id


@dataclass(frozen=True)
class Payment:
    run_id: str
    end_to_end_id: str
    paid_on: date
    message_id: str | None
    statement_id: str | None


@dataclass(frozen=True)
class Traced:
    """One paid item with its payment, and — for a declared line — the JW325 line's evidence."""

    item: Item
    payment: Payment
    declaration: ev.DeclarationEvidenceRecorded | None
    line: Mapping[str, Any] | None
    """The approved line as settled: product, period, volume and its `evidence`."""

    @property
    def evidence(self) -> Mapping[str, Any] | None:
        return None if self.line is None else self.line.get("evidence")

    @property
    def rules(self) -> list[dict[str, str]]:
        """Each rule the line was checked against with its verdict: passed unless found."""
        if self.declaration is None or self.evidence is None:
            return []
        found = set(self.evidence.get("findings") or ())
        kind = "credit" if self.item.amount < 0 else "debit"
        return [{**check, "verdict": "found" if check["code"] in found else "passed"}
                for check in self.declaration.checks.get(kind, [])]


@dataclass(frozen=True)
class Booked:
    on: date
    statement_id: str


@dataclass(frozen=True)
class Ledger:
    """The payment book as of the date, with the bank's bookings of each transfer."""

    book: Book
    booked: Mapping[tuple[str, str], Booked]

    def payment_of(self, item: Item) -> Payment | None:
        run = self.book.runs.get(item.run_id or "")
        if run is None or run.status not in (EXPORTED, CONFIRMED):
            return None
        booked = self.booked.get((run.run_id, item.provider))
        if booked is None and run.status != CONFIRMED:
            return None  # sent to the bank, not yet executed as far as anyone knows
        paid_on = booked.on if booked else run.executed_on or run.execution_date
        assert paid_on is not None
        return Payment(run.run_id, end_to_end_id(run.run_id, item.provider), paid_on, run.message_id,
                       booked.statement_id if booked else None)

    def paid(self, item_id: str) -> bool:
        item = self.book.items.get(item_id)
        return item is not None and self.payment_of(item) is not None


def ledger(events: Iterable[ev.BookEvent]) -> Ledger:
    events = list(events)
    booked = {(e.run_id, e.provider): Booked(e.booked_on, e.statement_id)
              for e in events if isinstance(e, ev.TransferBooked)}
    return Ledger(fold(events), booked)


def traced(ledger_: Ledger, evidence: Mapping[str, ev.DeclarationEvidenceRecorded], municipality: str,
           year: int) -> list[Traced]:
    """The items of `municipality` for care (or advances) of `year` that were paid, in the order
    they were paid."""
    found = []
    for item in ledger_.book.items.values():
        if item.municipality != municipality or item.period_start.year != year:
            continue
        payment = ledger_.payment_of(item)
        if payment is None:
            continue
        declaration = evidence.get(item.declaration_id or "")
        found.append(Traced(item, payment, declaration, _line(declaration, item)))
    return sorted(found, key=lambda t: (t.payment.paid_on, t.payment.run_id, t.item.item_id))


def _line(declaration: ev.DeclarationEvidenceRecorded | None, item: Item) -> Mapping[str, Any] | None:
    if declaration is None:
        return None
    reference = item.reference or item.item_id.split(":", 1)[-1]  # line ids are `<provider>:<reference>`
    return next((line for line in declaration.lines if line.get("reference") == reference), None)
