"""Rebuilding the gateway's read models by replaying its own event store (design.md §3.2).

What is cleared: every table that is a projection of gateway events (`PROJECTIONS`). What is
kept: the records no event carries — the message bytes (received_bodies, mailbox_bodies), the
staff password hashes (staff_passwords) and the audit log — and the kernel's tables, except
staff_sessions, which the gateway projects from its own session events. The kernel's
staff_identities are not the gateway's: the other services project them from the
`identity.StaffIdentified` events the gateway publishes; the gateway itself reads staff_users.

It is one transaction (shared/persistence/replay.py), so a duplicate post cannot slip in while
received_messages is empty.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import partial

import sqlalchemy as sa

from services.gateway.adapters.projections import PROJECTORS, Projector, project
from services.gateway.adapters.tables import (
    kernel, mailbox, message_references, parties, party_tokens, received_messages, region_loads, region_sections,
    staff_tokens, staff_users,
)
from services.gateway.domain.events import TYPES
from shared.events.registry import EventRegistry
from shared.persistence.replay import rebuild
from shared.persistence.sql import SqlDatabase

PROJECTIONS: tuple[sa.Table, ...] = (
    received_messages, message_references, mailbox, parties, party_tokens, staff_users, staff_tokens, region_sections,
    region_loads, kernel.staff_sessions,
)


async def rebuild_projections(db: SqlDatabase, projectors: Mapping[str, Projector] = PROJECTORS) -> int:
    """Empty the read models and replay every event into them; returns how many were replayed.
    `projectors` is a parameter so a test can show that leaving one out is noticed."""
    return await rebuild(db, PROJECTIONS, EventRegistry(TYPES), partial(_project, projectors=projectors))


async def _project(conn, envelopes, projectors: Mapping[str, Projector]) -> None:  # type: ignore[no-untyped-def]
    await project(conn, envelopes, projectors)
