"""The allocation read models as projections of this service's own events.

One projector per event type (a literal table, style.md principle 5), given the connection and
the stored event. Handlers `project` what they have just appended, in the same transaction;
rebuild.py projects the whole store, in order. A projector reads nothing but its event and the
read model it writes, so both paths give the same rows. Event types without a read model (the
register, deliveries, a request's receipt) project nothing.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection

from services.allocation.adapters.tables import allocations, clients, jw301_messages, requests
from services.allocation.domain import events as ev
from services.allocation.domain import request as req
from services.allocation.domain.allocation import (
    AllocationVersion,
    version_from_payload,
    version_of,
    version_order,
    version_payload,
)
from services.allocation.domain.request_details import allocation_payload, change_payload
from shared.events.envelope import Envelope

PENDING = "pending"
Projector = Callable[[AsyncConnection, Any], Awaitable[None]]


async def project(conn: AsyncConnection, events: Iterable[Envelope]) -> None:
    """Each stored event through its projector, in order."""
    for envelope in events:
        projector = PROJECTORS.get(envelope.type)
        if projector is not None:
            await projector(conn, ev.decoded(envelope))


async def _version_recorded(conn: AsyncConnection, event: ev.VersionEvent) -> None:
    """IV013: the row holds the version with the latest Toewijzingsdatum + Toewijzingstijd, the
    order the aggregate keeps (`version_order`); a late older version leaves it be. The JW302
    state stays."""
    version = version_of(event)
    key = _allocation_key(version.municipality, version.number)
    stored = await conn.scalar(sa.select(allocations.c.version).where(key))
    if stored is None:
        await conn.execute(sa.insert(allocations).values(
            municipality=version.municipality, allocation_number=version.number,
            receipt=PENDING, receipt_codes=[], **_version_columns(version)))
    elif version_order(version) > version_order(version_from_payload(stored)):
        await conn.execute(sa.update(allocations).where(key).values(**_version_columns(version)))


def _version_columns(version: AllocationVersion) -> dict[str, Any]:
    return {
        "client_bsn": version.client_bsn, "provider_agb": version.provider_agb,
        "category": None if version.product is None else version.product.category,
        "product_code": None if version.product is None else version.product.code,
        "start": version.start, "end": version.end, "deleted": version.deleted,
        "version": version_payload(version),
    }


async def _receipt_recorded(conn: AsyncConnection, e: ev.ReceiptRecorded) -> None:
    await conn.execute(sa.update(allocations).where(_allocation_key(e.municipality, e.allocation_number))
                       .values(receipt=e.outcome, receipt_codes=list(e.codes)))


async def _client_details_recorded(conn: AsyncConnection, e: ev.ClientDetailsRecorded) -> None:
    key = (clients.c.municipality == e.municipality) & (clients.c.client_bsn == e.client_bsn)
    updated = await conn.execute(sa.update(clients).where(key).values(details=e.details))
    if updated.rowcount == 0:
        await conn.execute(sa.insert(clients).values(municipality=e.municipality, client_bsn=e.client_bsn,
                                                     details=e.details))


async def _message_sent(conn: AsyncConnection, e: ev.AllocationMessageSent) -> None:
    await conn.execute(sa.insert(jw301_messages).values(
        identification=e.identification, message_id=e.message_id, municipality=e.municipality,
        client_bsn=e.client_bsn, provider_agb=e.provider_agb,
        allocation_numbers=list(e.allocation_numbers), made_at=e.made_at))


async def _request_received(conn: AsyncConnection, event: ev.RequestReceived) -> None:
    request = req.evolve(req.Request(), event)
    assert request.received_on is not None
    await conn.execute(sa.insert(requests).values(
        provider_agb=request.provider_agb, reference=request.reference, municipality=request.municipality,
        client_bsn=request.client_bsn, kind=request.kind, status=request.status,
        received_on=request.received_on, due=request.due, message_id=event.message_id,
        requested=_requested(request), answer=None))


async def _request_answered(conn: AsyncConnection, event: ev.RequestAnswer) -> None:
    """The answer so far (numbers honoured, reason rejected) is kept in the row, so the request
    state is rebuilt from it and the event by the aggregate's own `evolve`."""
    key = (requests.c.provider_agb == event.provider_agb) & (requests.c.reference == event.reference)
    before = await conn.scalar(sa.select(requests.c.answer).where(key)) or {}
    request = req.evolve(req.Request(allocation_numbers=tuple(before.get("allocation_numbers", ())),
                                     rejection_reason=before.get("rejection_reason")), event)
    answer = {"status": request.status, "allocation_numbers": list(request.allocation_numbers),
              "rejection_reason": request.rejection_reason}
    await conn.execute(sa.update(requests).where(key).values(status=request.status, due=request.due,
                                                             answer=answer))


def _requested(request: req.Request) -> dict[str, Any]:
    if request.allocation is not None:
        return allocation_payload(request.allocation)
    return {} if request.change is None else change_payload(request.change)


def _allocation_key(municipality: str, number: int) -> Any:
    return (allocations.c.municipality == municipality) & (allocations.c.allocation_number == number)


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
