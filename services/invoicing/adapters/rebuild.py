"""Rebuilding the invoicing projections by replaying its event store (design.md §3.2).

`rebuild_projections` empties `PROJECTIONS` (declarations and their lines, which are also the
exception queue) and replays the service's own events into them through the projector the
handlers use (adapters/projections.py). Not cleared: the received JW323 bodies
(declaration_bodies), an input kept as it came rather than a projection; and the reference data
the matcher reads — allocation_versions, tariffs, match_settings — which is fed by other services'
events and comes back by consuming their topics again.

It is one transaction (shared/persistence/replay.py). Stored events are decoded by the service's
registry at their current version (domain/events.py: fields added since version 1 have defaults,
which are what the projector sees for older events).
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import groupby

from sqlalchemy.ext.asyncio import AsyncConnection

from services.invoicing.adapters.projections import project
from services.invoicing.adapters.tables import declarations, lines
from services.invoicing.domain import events as ev
from shared.events.envelope import Envelope
from shared.persistence.replay import rebuild
from shared.persistence.sql import SqlDatabase

PROJECTIONS = (declarations, lines)
BATCH = 1000
REGISTRY = ev.registry()


async def rebuild_projections(db: SqlDatabase, batch_size: int = BATCH) -> int:
    """Replay every event of `db` into emptied projections; how many events were read."""
    return await rebuild(db, PROJECTIONS, REGISTRY, _project_batch, batch_size)


async def _project_batch(conn: AsyncConnection, envelopes: Sequence[Envelope]) -> None:
    """Consecutive events of one stream and moment (one command's) project together, as their
    handler projected them; a group cut by the end of a read batch projects in two parts, which
    gives the same rows (the projector applies events in order)."""
    for _, group in groupby(envelopes, key=lambda e: (e.stream_id, e.occurred_at)):
        events = list(group)
        declaration_id = events[0].stream_id.removeprefix("declaration-")
        await project(conn, declaration_id, [REGISTRY.decode(e) for e in events], events[0].occurred_at)
