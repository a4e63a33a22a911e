"""Rebuilding a service's read models from its own event store (design.md §3.2).

One transaction empties the tables and replays every stored event, upcast to the version the
projectors read, batch by batch. Until it commits, readers see the old rows and writers wait
(SQLite) or meet the old rows' keys (PostgreSQL): nothing slips in while a table is empty. The
events are read through the read engine, which the open write transaction does not block.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection

from shared.events.envelope import Envelope
from shared.events.registry import EventRegistry
from shared.persistence.sql import SqlDatabase

ProjectBatch = Callable[[AsyncConnection, Sequence[Envelope]], Awaitable[None]]
BATCH = 1000


async def rebuild(db: SqlDatabase, tables: Sequence[sa.Table], registry: EventRegistry, project: ProjectBatch,
                  batch: int = BATCH) -> int:
    """Empty `tables` (in reverse order, so a child table goes before its parent) and project every
    event of `db` into them; returns how many events were replayed."""
    after, count = 0, 0
    async with db.unit_of_work() as uow:
        for table in reversed(tables):
            await uow.connection.execute(sa.delete(table))
        while envelopes := await db.read_all(after, batch):
            await project(uow.connection, [current(registry, e) for e in envelopes])
            after, count = envelopes[-1].position or after, count + len(envelopes)
        await uow.commit()
    return count


def current(registry: EventRegistry, envelope: Envelope) -> Envelope:
    """Lifted to the version the projectors read (stored rows are never rewritten); an event
    already current passes as it is (upcasting copies the envelope). Types this registry does not
    know (another service's, or ones no projection reads) pass unchanged for the projector to skip."""
    if envelope.type not in registry or envelope.version == registry.current_version(envelope.type):
        return envelope
    return registry.upcast(envelope)
