"""The audit log: an append-only record of every human action and every read of client data.

Entries are written in the same transaction as the action they record (a refused action leaves
no entry, an entry never exists without its action), and only admins read them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection

from shared.persistence.rows import utc


@dataclass(frozen=True)
class AuditEntry:
    actor: str
    actor_kind: str
    action: str
    object: str | None = None
    client_bsn: str | None = None
    on_behalf_of: str | None = None
    client_app: str | None = None


async def record(conn: AsyncConnection, table: sa.Table, entry: AuditEntry, at: datetime) -> None:
    await conn.execute(sa.insert(table).values(
        at=utc(at), actor=entry.actor, actor_kind=entry.actor_kind, on_behalf_of=entry.on_behalf_of,
        client_bsn=entry.client_bsn, client_app=(entry.client_app or "")[:300] or None,
        action=entry.action, object=entry.object,
    ))
