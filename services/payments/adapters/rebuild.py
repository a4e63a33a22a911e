"""Rebuilding the payments projections by replaying its event store (design.md §3.2).

`rebuild_projections` empties the projections of one database and replays its own events into
them, in one transaction (shared/persistence/replay.py); `replay_into` copies every event of one
payments store into another, empty one (same ids, streams and versions) and projects them there. Reference data kept from other services' events
(region sections, allocations, line products) is not a projection of payments events: it comes
back by consuming those services' topics again, which books nothing twice (the deciders are
idempotent per line, ceiling and advance period).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncConnection

from services.payments.adapters.projections import project
from services.payments.adapters.stored_events import REGISTRY, decode, is_payments
from services.payments.adapters.tables import bank_statements, ceiling_usage, ceilings, items, outcome_scores, runs
from shared.events.envelope import Envelope, NewEvent
from shared.persistence.replay import rebuild
from shared.persistence.sql import SqlDatabase

PROJECTIONS = (items, runs, ceilings, ceiling_usage, bank_statements, outcome_scores)
BATCH = 1000


async def rebuild_projections(db: SqlDatabase) -> int:
    return await rebuild(db, PROJECTIONS, REGISTRY, _project)


async def replay_into(source: SqlDatabase, target: SqlDatabase) -> int:
    """Copy every event of `source` (same ids, streams and versions) into `target`, projecting
    them there, a batch per transaction."""
    after, count = 0, 0
    while batch := await source.read_all(after, BATCH):
        async with target.unit_of_work() as uow:
            for envelope in batch:
                uow.append(envelope.stream_id, envelope.stream_version - 1, [_same(envelope)])
            await _project(uow.connection, batch)
            await uow.commit()
        after, count = batch[-1].position or after, count + len(batch)
    return count


async def _project(conn: AsyncConnection, batch: Sequence[Envelope]) -> None:
    for at, events in _by_moment(batch):
        await project(conn, events, at)


def _by_moment(batch: Sequence[Envelope]) -> list[tuple[datetime, list[Any]]]:
    """Consecutive events of one moment (one command's) project together, in bulk."""
    groups: list[tuple[datetime, list[Any]]] = []
    for e in batch:
        if not is_payments(e):
            continue
        if not groups or groups[-1][0] != e.occurred_at:
            groups.append((e.occurred_at, []))
        groups[-1][1].append(decode(e))
    return groups


def _same(e: Envelope) -> NewEvent:
    return NewEvent(e.type, e.version, e.payload, e.occurred_at, e.event_id, e.tenant, e.correlation_id,
                    e.causation_id)
