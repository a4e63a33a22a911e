"""Rebuilding the gateway's read models by replaying its own event store (design.md §3.2).

What is cleared: every table that is a projection of gateway events (`PROJECTIONS`). What is
kept: the records no event carries — the message bytes (received_bodies, mailbox_bodies), the
staff password hashes (staff_passwords) and the audit log — and the kernel's tables. The kernel's
staff_identities are not the gateway's: the other services project them from the
`identity.StaffIdentified` events the gateway publishes; the gateway itself reads staff_users.

Unlike the payments rebuild, this one is a single transaction: until it commits, readers see the
old read models and writers wait (SQLite) or meet the old rows' keys (PostgreSQL), so a duplicate
post cannot slip in while received_messages is empty. Events are read through the read engine,
which WAL (SQLite) or MVCC (PostgreSQL) never blocks.
"""

from __future__ import annotations

from collections.abc import Mapping

import sqlalchemy as sa

from services.gateway.adapters.projections import PROJECTORS, Projector, project
from services.gateway.adapters.tables import (
    mailbox, parties, party_tokens, received_messages, region_sections, staff_tokens, staff_users,
)
from services.gateway.domain.events import TYPES
from shared.events.envelope import Envelope
from shared.events.registry import EventRegistry
from shared.persistence.sql import SqlDatabase

PROJECTIONS: tuple[sa.Table, ...] = (
    received_messages, mailbox, parties, party_tokens, staff_users, staff_tokens, region_sections,
)
BATCH = 1000


async def rebuild_projections(db: SqlDatabase, projectors: Mapping[str, Projector] = PROJECTORS) -> int:
    """Empty the read models and replay every event into them; returns how many were replayed.
    `projectors` is a parameter so a test can show that leaving one out is noticed."""
    registry = EventRegistry(TYPES)
    after, count = 0, 0
    async with db.unit_of_work() as uow:
        for table in PROJECTIONS:
            await uow.connection.execute(sa.delete(table))
        while batch := await db.read_all(after, BATCH):
            await project(uow.connection, [_current(registry, e) for e in batch], projectors)
            after, count = batch[-1].position or after, count + len(batch)
        await uow.commit()
    return count


def _current(registry: EventRegistry, envelope: Envelope) -> Envelope:
    """Lifted to the version the projectors read (stored rows are never rewritten); the usual
    case, an event already current, is passed as it is (upcasting copies the envelope)."""
    if envelope.version == registry.current_version(envelope.type):
        return envelope
    return registry.upcast(envelope)
