"""Input kept from other services on SQL: the region file's register sections
(tables.region_sections) and invoicing's approved lines per allocation
(tables.approved_declarations). A declaration names thousands of allocations, so counts are read
once and written in bulk."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import sqlalchemy as sa

from services.allocation.adapters.region_file import municipalities_of, product_names_of
from services.allocation.adapters.tables import approved_declarations, region_sections
from services.allocation.ports import Section
from shared.persistence.sql_work import Source, connected

CHUNK = 500
s, d = region_sections.c, approved_declarations.c


class SqlRegionInput:
    def __init__(self, source: Source) -> None:
        self._source = source

    async def sections(self) -> list[Section]:
        async with connected(self._source) as conn:
            return [Section(row.name, row.sha256, row.content, row.applied_sha256)
                    for row in await conn.execute(sa.select(region_sections).order_by(s.name))]

    async def municipalities(self) -> frozenset[str]:
        return municipalities_of(await self._content("budgets"))

    async def product_names(self) -> dict[str, str]:
        return product_names_of(await self._content("products"))

    async def _content(self, name: str) -> Any:
        async with connected(self._source) as conn:
            return await conn.scalar(sa.select(s.content).where(s.name == name))

    async def store_section(self, name: str, sha256: str, content: Any) -> None:
        async with connected(self._source) as conn:
            # Values as parameters, not .values(): the statement cache would keep the first section's
            # content for the life of the process.
            updated = await conn.execute(sa.update(region_sections).where(s.name == name),
                                         {"sha256": sha256, "content": content})
            if updated.rowcount == 0:
                await conn.execute(sa.insert(region_sections), {"name": name, "sha256": sha256, "content": content})

    async def mark_applied(self, names: Sequence[str]) -> None:
        async with connected(self._source) as conn:
            await conn.execute(sa.update(region_sections).where(s.name.in_(sorted(names)))
                               .values(applied_sha256=s.sha256))

    async def has_approved_lines(self, municipality: str, number: int) -> bool:
        async with connected(self._source) as conn:
            lines = await conn.scalar(sa.select(d.approved_lines).where(
                (d.municipality == municipality) & (d.allocation_number == number)))
        return bool(lines)

    async def add_approved_lines(self, municipality: str, net: Mapping[int, int]) -> None:
        numbers = sorted(net)
        async with connected(self._source) as conn:
            known: dict[int, int] = {}
            for start in range(0, len(numbers), CHUNK):
                rows = await conn.execute(sa.select(d.allocation_number, d.approved_lines).where(
                    d.municipality == municipality, d.allocation_number.in_(numbers[start:start + CHUNK])))
                known.update({number: count for number, count in rows})
            new = [{"municipality": municipality, "allocation_number": n, "approved_lines": net[n]}
                   for n in numbers if n not in known]
            changed = [{"m": municipality, "n": n, "v": known[n] + net[n]} for n in numbers if n in known]
            if new:
                await conn.execute(sa.insert(approved_declarations), new)
            if changed:
                await conn.execute(sa.update(approved_declarations).where(
                    d.municipality == sa.bindparam("m"), d.allocation_number == sa.bindparam("n")).values(
                    approved_lines=sa.bindparam("v")), changed)
