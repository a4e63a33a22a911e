"""The region sections the gateway published and the region files it loaded, in SQL."""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa

from services.gateway.adapters.tables import region_loads, region_sections
from services.gateway.ports import RegionLoad
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


class SqlRegionLoads:
    def __init__(self, source: Source) -> None:
        self._source = source

    async def add(self, loads: Sequence[RegionLoad]) -> None:
        async with connected(self._source) as conn:
            await conn.execute(sa.insert(region_loads), [{
                "position": r.position, "sha256": r.sha256, "region": r.region[:200], "size": r.size,
                "loaded_by": r.loaded_by, "loaded_at": utc(r.loaded_at), "changes": r.changes} for r in loads])

    async def latest(self, limit: int) -> list[RegionLoad]:
        query = sa.select(region_loads).order_by(region_loads.c.position.desc()).limit(limit)
        async with connected(self._source) as conn:
            return [RegionLoad(r.position, r.sha256, r.region, r.size, r.loaded_by, utc(r.loaded_at), r.changes)
                    for r in await conn.execute(query)]
