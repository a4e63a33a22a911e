"""The payment book and ceilings folded from their streams (adapters/book_store.py keeps them warm),
and the projections of their events into the read models (adapters/projections.py)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from services.payments.adapters.book_store import BookCache, FoldedStreams, ceiling_stream
from services.payments.adapters.projections import project
from services.payments.domain.book import Book
from services.payments.domain.ceilings import Ceiling
from shared.persistence.sql_work import Source, connected


class SqlPaymentBooks:
    def __init__(self, source: Source, book: BookCache, ceilings: FoldedStreams[Ceiling]) -> None:
        self._source, self._book, self._ceilings = source, book, ceilings

    async def book(self) -> tuple[int, Book]:
        async with connected(self._source) as conn:
            return await self._book.load(conn)

    async def ceiling(self, contract_id: str, year: int) -> tuple[int, Ceiling]:
        async with connected(self._source) as conn:
            return await self._ceilings.load(conn, ceiling_stream(contract_id, year))


class SqlProjections:
    def __init__(self, source: Source) -> None:
        self._source = source

    async def project(self, decided: Sequence[Any], at: datetime) -> None:
        async with connected(self._source) as conn:
            await project(conn, decided, at)
