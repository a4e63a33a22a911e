"""Read models written in the transaction of the events they follow (on_<what> functions)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection

from services.allocation.adapters.tables import allocations, clients, jw301_messages, requests
from services.allocation.domain.allocation import AllocationVersion, version_payload
from services.allocation.domain.request import Request
from services.allocation.domain.request_details import allocation_payload, change_payload

PENDING = "pending"


async def on_allocation_version(conn: AsyncConnection, effective: AllocationVersion) -> None:
    """Keep the effective version (IV013) of one allocation; the JW302 state stays."""
    key = _allocation_key(effective.municipality, effective.number)
    values = {
        "client_bsn": effective.client_bsn, "provider_agb": effective.provider_agb,
        "category": None if effective.product is None else effective.product.category,
        "product_code": None if effective.product is None else effective.product.code,
        "start": effective.start, "end": effective.end, "deleted": effective.deleted,
        "version": version_payload(effective),
    }
    updated = await conn.execute(sa.update(allocations).where(key).values(**values))
    if updated.rowcount == 0:
        await conn.execute(sa.insert(allocations).values(
            municipality=effective.municipality, allocation_number=effective.number,
            receipt=PENDING, receipt_codes=[], **values))


async def on_receipt(conn: AsyncConnection, municipality: str, number: int, outcome: str,
                     codes: list[str]) -> None:
    await conn.execute(sa.update(allocations).where(_allocation_key(municipality, number))
                       .values(receipt=outcome, receipt_codes=codes))


async def on_client_details(conn: AsyncConnection, municipality: str, bsn: str,
                            details: dict[str, Any]) -> None:
    key = (clients.c.municipality == municipality) & (clients.c.client_bsn == bsn)
    updated = await conn.execute(sa.update(clients).where(key).values(details=details))
    if updated.rowcount == 0:
        await conn.execute(sa.insert(clients).values(municipality=municipality, client_bsn=bsn,
                                                     details=details))


async def on_jw301_issued(conn: AsyncConnection, identification: str, message_id: str,
                          versions: tuple[AllocationVersion, ...], made_at: datetime) -> None:
    first = versions[0]
    await conn.execute(sa.insert(jw301_messages).values(
        identification=identification, message_id=message_id, municipality=first.municipality,
        client_bsn=first.client_bsn, provider_agb=first.provider_agb,
        allocation_numbers=[v.number for v in versions], made_at=made_at.replace(tzinfo=None)))


async def on_request(conn: AsyncConnection, request: Request, message_id: str | None = None,
                     answer: dict[str, Any] | None = None) -> None:
    key = (requests.c.provider_agb == request.provider_agb) & (requests.c.reference == request.reference)
    values: dict[str, Any] = {"status": request.status, "due": request.due}
    if answer is not None:
        values["answer"] = answer
    updated = await conn.execute(sa.update(requests).where(key).values(**values))
    if updated.rowcount == 0:
        assert request.received_on is not None
        await conn.execute(sa.insert(requests).values(
            provider_agb=request.provider_agb, reference=request.reference,
            municipality=request.municipality, client_bsn=request.client_bsn,
            kind=request.kind, received_on=request.received_on, message_id=message_id,
            requested=_requested(request), answer=answer, **values))


def _requested(request: Request) -> dict[str, Any]:
    if request.allocation is not None:
        return allocation_payload(request.allocation)
    return {} if request.change is None else change_payload(request.change)


def _allocation_key(municipality: str, number: int) -> Any:
    return (allocations.c.municipality == municipality) & (allocations.c.allocation_number == number)
