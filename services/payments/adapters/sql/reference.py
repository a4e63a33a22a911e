"""The reference data port on the tables of adapters/tables.py (reference_sections, line_products,
allocations); the statements themselves are in adapters/reference.py, which the SQL read models
that still take a connection (views, reports) share."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from services.payments.adapters import reference
from shared.exchange.allocation import AllocationPublished
from shared.persistence.sql_work import Source, connected


class SqlReferenceData:
    def __init__(self, source: Source) -> None:
        self._source = source

    async def section(self, name: str, default: Any = None) -> Any:
        async with connected(self._source) as conn:
            return await reference.section(conn, name, default)

    async def sections(self) -> dict[str, Any]:
        async with connected(self._source) as conn:
            return await reference.sections(conn)

    async def store_section(self, name: str, content: Any) -> None:
        async with connected(self._source) as conn:
            await reference.store_section(conn, name, content)

    async def record_lines(self, rows: Sequence[Mapping[str, Any]]) -> None:
        async with connected(self._source) as conn:
            await reference.record_lines(conn, [dict(row) for row in rows])

    async def record_rejected(self, line_ids: Sequence[str]) -> None:
        async with connected(self._source) as conn:
            await reference.record_rejected(conn, line_ids)

    async def line_statuses(self, line_ids: Sequence[str]) -> dict[str, str]:
        async with connected(self._source) as conn:
            return await reference.statuses(conn, line_ids)

    async def record_allocation(self, allocation: AllocationPublished) -> None:
        async with connected(self._source) as conn:
            await reference.record_allocation(conn, allocation)

    async def referrer_types(self, municipality: str, numbers: Sequence[int]) -> dict[int, str]:
        async with connected(self._source) as conn:
            return await reference.referrer_types(conn, municipality, numbers)
