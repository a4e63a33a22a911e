"""The region sections the gateway published, and the audit log, in SQL."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import sqlalchemy as sa

from services.gateway.adapters.tables import kernel, region_sections
from shared.audit import AuditEntry, record
from shared.persistence.rows import utc
from shared.persistence.sql_work import Source, connected


class SqlRegionSections:
    def __init__(self, source: Source) -> None:
        self._source = source

    async def digest(self, section: str) -> str | None:
        r = region_sections.c
        async with connected(self._source) as conn:
            return await conn.scalar(sa.select(r.sha256).where(r.name == section))

    async def changed(self, section: str, sha256: str) -> None:
        async with connected(self._source) as conn:
            updated = await conn.execute(sa.update(region_sections).where(region_sections.c.name == section)
                                         .values(sha256=sha256))
            if updated.rowcount == 0:
                await conn.execute(sa.insert(region_sections).values(name=section, sha256=sha256))


class SqlAuditLog:
    def __init__(self, source: Source) -> None:
        self._source = source

    async def record(self, entry: AuditEntry, at: datetime) -> None:
        async with connected(self._source) as conn:
            await record(conn, kernel.audit_log, entry, at)

    async def newest(self, limit: int) -> list[dict[str, Any]]:
        log = kernel.audit_log
        async with connected(self._source) as conn:
            rows = await conn.execute(sa.select(log).order_by(log.c.id.desc()).limit(limit))
            return [{**row._mapping, "at": utc(row.at)} for row in rows]
