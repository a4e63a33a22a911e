"""The request aggregate: a JW315 verzoek om toewijzing or a JW317 verzoek om wijziging, one
stream per (provider AGB, ReferentieAanbieder) — unique per provider per domain (TR347).

Requests form the access team's work list: each is honoured (a JW301 carrying the
ReferentieAanbieder), rejected (JW319 VerzoekAntwoord 1) or put "in onderzoek" (JW319
VerzoekAntwoord 2, then a final answer). The deadlines are computed once, when the request is
received, and stored in the event so a replay never depends on a later holiday calendar.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date, timedelta

from services.allocation.domain import events as ev
from services.allocation.domain.request_details import (
    Deadlines,
    ProductChange,
    RequestedAllocation,
    RequestedChange,
)
from shared.working_days import add_working_days

ALLOCATION = "allocation"  # JW315
CHANGE = "change"  # JW317

RECEIVED = "received"
UNDER_INVESTIGATION = "under_investigation"
HONOURED = "honoured"
REJECTED = "rejected"
OPEN = frozenset({RECEIVED, UNDER_INVESTIGATION})


def stream_id(provider_agb: str, reference: str) -> str:
    return f"request-{provider_agb}-{reference}"


def deadlines_for(received_on: date) -> Deadlines:
    return Deadlines(add_working_days(received_on, 3), add_working_days(received_on, 5),
                     received_on + timedelta(weeks=2))


def final_answer_due(received_on: date) -> date:
    """After "in onderzoek" the final answer (JW301 or rejecting JW319) is due within eight
    weeks; we count from receipt of the request, like the Awb decision period."""
    return received_on + timedelta(weeks=8)


@dataclass(frozen=True)
class Request:
    kind: str | None = None
    municipality: str = ""
    provider_agb: str = ""
    reference: str = ""
    client_bsn: str = ""
    received_on: date | None = None
    status: str | None = None
    deadlines: Deadlines | None = None
    final_answer_due: date | None = None
    receipt_sent_on: date | None = None
    allocation: RequestedAllocation | None = None
    change: RequestedChange | None = None
    allocation_numbers: tuple[int, ...] = ()
    rejection_reason: str | None = None

    @property
    def exists(self) -> bool:
        return self.kind is not None

    @property
    def due(self) -> date | None:
        """The date the next answer is due, while the request is open."""
        if self.status == UNDER_INVESTIGATION:
            return self.final_answer_due
        if self.status == RECEIVED and self.deadlines is not None:
            return self.deadlines.answer_due
        return None


@dataclass(frozen=True)
class WorkItem:
    provider_agb: str
    reference: str
    municipality: str
    client_bsn: str
    kind: str
    status: str
    due: date
    overdue: bool


def work_list(requests: Iterable[Request], today: date) -> list[WorkItem]:
    """Open requests, the most urgent first."""
    items = [WorkItem(r.provider_agb, r.reference, r.municipality, r.client_bsn, r.kind or "",
                      r.status or "", r.due, r.due < today)
             for r in requests if r.status in OPEN and r.due is not None]
    return sorted(items, key=lambda item: (item.due, item.provider_agb, item.reference))


def receipt_overdue(request: Request, today: date) -> bool:
    return (request.deadlines is not None and request.receipt_sent_on is None
            and request.deadlines.receipt_due < today)


def evolve(state: Request, event: object) -> Request:
    event = ev.typed(event)
    if isinstance(event, ev.RequestReceived):
        return _received(event)
    if isinstance(event, ev.RequestReceiptSent):
        return replace(state, receipt_sent_on=event.sent_on)
    if isinstance(event, ev.RequestUnderInvestigation):
        return replace(state, status=UNDER_INVESTIGATION, final_answer_due=event.final_answer_due)
    if isinstance(event, ev.RequestRejected):
        return replace(state, status=REJECTED, rejection_reason=event.reason)
    if isinstance(event, ev.RequestHonoured):
        return replace(state, status=HONOURED, allocation_numbers=tuple(event.allocation_numbers))
    return state


def _received(e: ev.RequestReceived) -> Request:
    is_allocation = isinstance(e, ev.AllocationRequested)
    return Request(
        kind=ALLOCATION if is_allocation else CHANGE,
        municipality=e.municipality, provider_agb=e.provider_agb, reference=e.reference,
        client_bsn=e.client_bsn, received_on=e.received_on, status=RECEIVED, deadlines=e.deadlines,
        allocation=e.requested if isinstance(e, ev.AllocationRequested) else None,
        change=change_of(e.requested) if isinstance(e, ev.ChangeRequested) else None)


def change_of(asked: ev.ChangeAsked) -> RequestedChange:
    changes = tuple(ProductChange(x.allocation_number, x.desired_start, x.end, x.extent, x.budget)
                    for x in asked.changes)
    return RequestedChange(asked.reason, tuple(asked.unchanged), changes, tuple(asked.new_products))


def change_asked(change: RequestedChange) -> ev.ChangeAsked:
    changes = tuple(ev.ChangedProduct(x.number, x.desired_start, x.end, x.extent, x.budget) for x in change.changes)
    return ev.ChangeAsked(change.reason, tuple(change.unchanged), changes, tuple(change.new_products))
