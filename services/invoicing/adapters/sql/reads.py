"""The finance reads of routes in SQL: the exception queue (adapters/queue.py) and whole
declarations (adapters/declarations.py), always within the caller's municipalities."""

from __future__ import annotations

from typing import Any

from services.invoicing.adapters import declarations as found
from services.invoicing.adapters.queue import count_query, deadlines_query, line_detail, queue_query
from services.invoicing.ports import DeclarationSearch, QueueFilter
from shared.persistence.sql_work import Source, connected


class SqlQueue:
    def __init__(self, source: Source) -> None:
        self._source = source

    async def page(self, f: QueueFilter, sort: str, limit: int | None, offset: int) -> list[Any]:
        async with connected(self._source) as conn:
            return list(await conn.execute(queue_query(f, sort, limit, offset)))

    async def count(self, f: QueueFilter) -> int:
        async with connected(self._source) as conn:
            return int(await conn.scalar(count_query(f)) or 0)

    async def deadlines(self, municipalities: frozenset[str]) -> list[Any]:
        async with connected(self._source) as conn:
            return list(await conn.execute(deadlines_query(QueueFilter(municipalities))))

    async def detail(self, declaration_id: str, reference: str,
                     municipalities: frozenset[str]) -> tuple[Any, dict[str, Any] | None]:
        async with connected(self._source) as conn:
            return await line_detail(conn, declaration_id, reference, municipalities)


class SqlDeclarationReads:
    def __init__(self, source: Source) -> None:
        self._source = source

    async def search(self, f: DeclarationSearch, limit: int, offset: int) -> tuple[list[Any], int]:
        async with connected(self._source) as conn:
            rows = list(await conn.execute(found.search_query(f, limit, offset)))
            return rows, int(await conn.scalar(found.search_count(f)) or 0)

    async def held_of(self, declaration_ids: list[str], bsn: str | None) -> dict[str, list[str]]:
        async with connected(self._source) as conn:
            return await found.held_of(conn, declaration_ids, bsn)

    async def summary(self, declaration_id: str, municipalities: frozenset[str]) -> Any:
        async with connected(self._source) as conn:
            return await found.declaration_row(conn, declaration_id, municipalities)

    async def lines(self, declaration_id: str, status: str | None, limit: int, offset: int) -> list[Any]:
        async with connected(self._source) as conn:
            return list(await conn.execute(found.lines_query(declaration_id, status, limit, offset)))

    async def totals(self, declaration_id: str) -> list[Any]:
        async with connected(self._source) as conn:
            return list(await conn.execute(found.totals_query(declaration_id)))

    async def answer_kept(self, declaration_id: str) -> bool:
        async with connected(self._source) as conn:
            return await found.answer_kept(conn, declaration_id)

    async def body(self, which: str, declaration_id: str) -> bytes | None:
        async with connected(self._source) as conn:
            return await found.body(conn, which, declaration_id)

    async def clients_of(self, declaration_id: str) -> list[str]:
        async with connected(self._source) as conn:
            return await found.clients_of(conn, declaration_id)
