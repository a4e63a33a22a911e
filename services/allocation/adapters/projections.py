"""The allocation read models as projections of this service's own events.

One projector per event type (a literal table, style.md principle 5), given the ports and the
typed event. Handlers `project` what they have just appended, in the same transaction;
rebuild.py projects the whole store, in order. A projector reads nothing but its event and the
read model it writes, so both paths give the same rows. Event types without a read model (the
register, deliveries, a request's receipt) project nothing.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable
from typing import Any

from services.allocation.domain import events as ev
from services.allocation.domain import request as req
from services.allocation.domain.allocation import version_of
from services.allocation.domain.request_details import allocation_payload, change_payload
from services.allocation.ports import AllocationPorts, RequestRow, SentJw301
from shared.events.envelope import Envelope

Projector = Callable[[AllocationPorts, Any], Awaitable[None]]


async def project(ports: AllocationPorts, events: Iterable[Envelope]) -> None:
    """Each stored event through its projector, in order."""
    for envelope in events:
        projector = PROJECTORS.get(envelope.type)
        if projector is not None:
            await projector(ports, ev.decoded(envelope))


async def _version_recorded(ports: AllocationPorts, event: ev.VersionEvent) -> None:
    """IV013: the row holds the version with the latest Toewijzingsdatum + Toewijzingstijd, the
    order the aggregate keeps (`version_order`); a late older version leaves it be. The JW302
    state stays."""
    await ports.allocations.put_version(version_of(event))


async def _receipt_recorded(ports: AllocationPorts, e: ev.ReceiptRecorded) -> None:
    await ports.allocations.record_receipt(e.municipality, e.allocation_number, e.outcome, e.codes)


async def _client_details_recorded(ports: AllocationPorts, e: ev.ClientDetailsRecorded) -> None:
    await ports.clients.put_details(e.municipality, e.client_bsn, e.details)


async def _message_sent(ports: AllocationPorts, e: ev.AllocationMessageSent) -> None:
    await ports.jw301s.add(SentJw301(e.identification, e.message_id, e.municipality, e.client_bsn, e.provider_agb,
                                     tuple(e.allocation_numbers), e.made_at))


async def _request_received(ports: AllocationPorts, event: ev.RequestReceived) -> None:
    request = req.evolve(req.Request(), event)
    assert request.received_on is not None
    await ports.requests.add(RequestRow(
        request.provider_agb, request.reference, request.municipality, request.client_bsn, request.kind or "",
        request.status or "", request.received_on, request.due, getattr(event, "message_id", None),
        _requested(request), None))


async def _request_answered(ports: AllocationPorts, event: ev.RequestAnswer) -> None:
    """The answer so far (numbers honoured, reason rejected) is kept in the row, so the request
    state is rebuilt from it and the event by the aggregate's own `evolve`."""
    row = await ports.requests.row(event.provider_agb, event.reference)
    before = (row.answer if row is not None else None) or {}
    request = req.evolve(req.Request(allocation_numbers=tuple(before.get("allocation_numbers", ())),
                                     rejection_reason=before.get("rejection_reason")), event)
    answer = {"status": request.status, "allocation_numbers": list(request.allocation_numbers),
              "rejection_reason": request.rejection_reason}
    await ports.requests.answer(event.provider_agb, event.reference, request.status or "", request.due, answer)


def _requested(request: req.Request) -> dict[str, Any]:
    if request.allocation is not None:
        return allocation_payload(request.allocation)
    return {} if request.change is None else change_payload(request.change)


PROJECTORS: dict[str, Projector] = {
    ev.ALLOCATION_ISSUED: _version_recorded,
    ev.ALLOCATION_EXTENDED: _version_recorded,
    ev.ALLOCATION_SHORTENED: _version_recorded,
    ev.ALLOCATION_DELETED: _version_recorded,
    ev.ALLOCATION_VOLUME_ADJUSTED: _version_recorded,
    ev.ALLOCATION_BUDGET_ADJUSTED: _version_recorded,
    ev.ALLOCATION_VERSION_RECORDED: _version_recorded,
    ev.RECEIPT_RECORDED: _receipt_recorded,
    ev.CLIENT_DETAILS_RECORDED: _client_details_recorded,
    ev.ALLOCATION_MESSAGE_SENT: _message_sent,
    ev.ALLOCATION_REQUESTED: _request_received,
    ev.CHANGE_REQUESTED: _request_received,
    ev.REQUEST_UNDER_INVESTIGATION: _request_answered,
    ev.REQUEST_REJECTED: _request_answered,
    ev.REQUEST_HONOURED: _request_answered,
}
