"""The region sections the gateway published, in SQL."""

from __future__ import annotations

import sqlalchemy as sa

from services.gateway.adapters.tables import region_sections
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
