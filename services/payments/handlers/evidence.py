"""What the lawfulness evidence replays (domain/lawfulness.py) that is not in the payment book:
each settled declaration's evidence, and the region's budgets, products and policy as they
arrived — recorded as payments' own events in the consumer's transaction, once."""

from __future__ import annotations

from datetime import date
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection

from services.payments.adapters.book_store import new_events
from services.payments.adapters.reference import referrer_types
from services.payments.context import Payments
from services.payments.domain import events as ev
from shared.persistence.ports import UnitOfWork
from shared.persistence.tables import KernelTables

RECORDED_SECTIONS = ("budgets", "products", "policy")


async def record_evidence(ctx: Payments, uow: UnitOfWork, settled: dict[str, Any]) -> None:
    stream = f"evidence-{settled['declaration_id']}"
    if await stream_version(uow.connection, ctx.db.tables, stream):
        return  # one answer per declaration: recorded already
    referrers = await referrer_types(uow.connection, settled["municipality"],
                                     [line["allocation_number"] for line in settled["approved"]])
    event = ev.DeclarationEvidenceRecorded(
        settled["declaration_id"], settled["declaration_number"], settled["provider"], settled["municipality"],
        date.fromisoformat(settled["answered_on"]), settled.get("answer_id"), settled.get("checks") or {},
        tuple(_line(line, referrers) for line in settled["approved"]), tuple(settled.get("rejected") or ()))
    uow.append(stream, 0, new_events([event], ctx.clock.now()))


def _line(line: dict[str, Any], referrers: dict[int, str]) -> dict[str, Any]:
    """The line without the client's BSN; an allocation whose version named no referrer (a JW301
    carries none) takes the referrer payments knows for it (the JW315 it honoured)."""
    kept = {k: v for k, v in line.items() if k != "bsn"}
    allocation = (kept.get("evidence") or {}).get("allocation")
    if allocation and not allocation.get("referrer_type") and allocation["number"] in referrers:
        evidence = {**kept["evidence"], "allocation": {**allocation, "referrer_type": referrers[allocation["number"]]}}
        kept = {**kept, "evidence": evidence}
    return kept


async def record_section(ctx: Payments, uow: UnitOfWork, name: str, content: Any) -> None:
    """Once per change: the same content again (a replay of the gateway's topic) records nothing."""
    if name not in RECORDED_SECTIONS:
        return
    stream, e = sections_stream(ctx.book.region), ctx.db.tables.events.c
    recorded = [row.payload for row in await uow.connection.execute(
        sa.select(e.payload).where(e.stream_id == stream).order_by(e.stream_version))]
    if next((p["content"] for p in reversed(recorded) if p["section"] == name), None) == content:
        return
    uow.append(stream, len(recorded), new_events([ev.RegionSectionRecorded(name, content)], ctx.clock.now()))


def sections_stream(region: str) -> str:
    return f"sections-{region}"


async def stream_version(conn: AsyncConnection, kernel: KernelTables, stream: str) -> int:
    """As stored, without writing what the transaction staged: `uow.load` would flush it, and the
    book and ceiling caches must only ever see committed versions (adapters/book_store.py)."""
    e = kernel.events.c
    return int(await conn.scalar(sa.select(sa.func.coalesce(sa.func.max(e.stream_version), 0))
                                 .where(e.stream_id == stream)))
