"""Rebuilding the allocation read models by replaying its event store (design.md §3.2).

`rebuild_projections` empties `PROJECTIONS` and replays every stored event, upcast to its
current version, through the projectors the handlers use (projections.py). It is one
transaction (shared/persistence/replay.py).

Left out, because they are not projections of this service's own events:
- `approved_declarations`: reference data from invoicing's DeclarationSettled; it comes back by
  consuming the invoicing topic again from the start (with a fresh inbox for that consumer).
- `region_sections`: the region-file sections consumed from the gateway and which of them were
  applied to the register. It is bookkeeping of input, like the inbox: emptying it would apply
  the whole file again on the next section and undo an admin's change to the register.
- the kernel's tables (events, outbox, inbox, leases), the audit log and the staff identities
  (the gateway's events).
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection

from services.allocation.adapters.projections import project
from services.allocation.adapters.sql import sql_ports
from services.allocation.adapters.tables import allocations, clients, jw301_messages, requests
from services.allocation.domain.events import registry
from shared.events.envelope import Envelope
from shared.persistence.replay import rebuild
from shared.persistence.sql import SqlDatabase

PROJECTIONS: tuple[sa.Table, ...] = (allocations, clients, jw301_messages, requests)


async def rebuild_projections(db: SqlDatabase) -> int:
    """Empties the projections and replays the store into them; the number of events replayed."""
    async def replay(conn: AsyncConnection, envelopes: Sequence[Envelope]) -> None:
        await project(sql_ports(conn), envelopes)

    return await rebuild(db, PROJECTIONS, registry(), replay)
