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
from services.payments.domain.events import BookEvent, CeilingEvent
from shared.persistence.sql_work import Source, connected


class Written:
    """The book and ceiling streams one unit of work appended to (every appended event is
    projected, so the projections see them): once written inside the transaction (a flush), a later
    read in it sees them, but they are not committed, so the warm states must not take them."""

    def __init__(self) -> None:
        self.book = False
        self.ceilings: set[tuple[str, int]] = set()

    def saw(self, decided: Sequence[Any]) -> None:
        for event in decided:
            if isinstance(event, BookEvent):
                self.book = True
            elif isinstance(event, CeilingEvent):
                self.ceilings.add((event.contract_id, event.year))


class SqlPaymentBooks:
    def __init__(self, source: Source, book: BookCache, ceilings: FoldedStreams[Ceiling], written: Written) -> None:
        self._source, self._book, self._ceilings, self._written = source, book, ceilings, written

    async def book(self) -> tuple[int, Book]:
        async with connected(self._source) as conn:
            return await self._book.load(conn, committed=not self._written.book)

    async def ceiling(self, contract_id: str, year: int) -> tuple[int, Ceiling]:
        async with connected(self._source) as conn:
            return await self._ceilings.load(conn, ceiling_stream(contract_id, year),
                                             committed=(contract_id, year) not in self._written.ceilings)


class SqlProjections:
    def __init__(self, source: Source, written: Written) -> None:
        self._source, self._written = source, written

    async def project(self, decided: Sequence[Any], at: datetime) -> None:
        self._written.saw(decided)
        async with connected(self._source) as conn:
            await project(conn, decided, at)
