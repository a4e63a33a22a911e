"""A service's audit table of before the one log (kernel table audit_log), in SQL, bound to the
unit of work's connection: what `forward_legacy` (audit.py) moves into the log."""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection

from shared.audit import LegacyAudit, LegacyEntry
from shared.persistence.rows import utc
from shared.persistence.sql import SqlDatabase
from shared.persistence.sql_work import SqlStore

COLUMNS = ("id", "at", "actor", "action", "object", "client_bsn", "client_app", "on_behalf_of")


class SqlLegacyAudit:
    def __init__(self, table: sa.Table, conn: AsyncConnection) -> None:
        self._table, self._conn = table, conn

    async def oldest(self, limit: int) -> list[LegacyEntry]:
        t = self._table
        query = sa.select(*(t.c[name] for name in COLUMNS)).order_by(t.c.id).limit(limit)
        rows = await self._conn.execute(query)
        return [LegacyEntry(row.id, utc(row.at), *row[2:]) for row in rows]

    async def remove(self, ids: Sequence[int]) -> None:
        await self._conn.execute(sa.delete(self._table).where(self._table.c.id.in_(ids)))


def legacy_audit_store(db: SqlDatabase) -> SqlStore[LegacyAudit]:
    """The service's store with its old audit table bound to each unit of work."""
    return SqlStore(db, partial(SqlLegacyAudit, db.tables.audit_log))
