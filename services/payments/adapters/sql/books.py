"""The payment book and ceilings folded from their streams (adapters/book_store.py keeps them warm),
and the projections of their events into the read models (adapters/projections.py)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import datetime
from typing import Any

from services.payments.adapters.book_store import BookCache, FoldedStreams, ceiling_stream
from services.payments.adapters.projections import project
from services.payments.domain import book as books
from services.payments.domain import ceilings
from services.payments.domain.events import BookEvent, CeilingEvent
from shared.persistence.sql_work import Source, connected

Folded = tuple[int, Any]


class Written:
    """The book and ceiling streams one unit of work read and appended to (every appended event
    is projected, so the projections see them). Once written inside the transaction (a flush), a
    later read in it sees them, but they are not committed, so the warm states take them only when
    the work has committed (`SqlPaymentBooks.committed`). A stream's state after this work's own
    appends is the state it read folded with them (`staged`); None where it appended to a stream
    it did not read first."""

    def __init__(self, book_stream: str) -> None:
        self.book_stream = book_stream
        self.read: dict[str, Folded] = {}
        self.staged: dict[str, Folded | None] = {}

    def saw(self, decided: Sequence[Any]) -> None:
        booked = [e for e in decided if isinstance(e, BookEvent)]
        if booked:
            self._fold(self.book_stream, booked, books.fold)
        by_ceiling: dict[str, list[Any]] = {}
        for event in decided:
            if isinstance(event, CeilingEvent):
                by_ceiling.setdefault(ceiling_stream(event.contract_id, event.year), []).append(event)
        for stream, events in by_ceiling.items():
            self._fold(stream, events, ceilings.fold)

    def _fold(self, stream: str, events: list[Any], fold: Callable[[Iterable[Any], Any], Any]) -> None:
        base = self.staged[stream] if stream in self.staged else self.read.get(stream)
        self.staged[stream] = None if base is None else (base[0] + len(events), fold(events, base[1]))


class SqlPaymentBooks:
    def __init__(self, source: Source, book: BookCache, ceilings: FoldedStreams[ceilings.Ceiling],
                 written: Written) -> None:
        self._source, self._book, self._ceilings, self._written = source, book, ceilings, written

    async def book(self) -> tuple[int, books.Book]:
        return await self._load(self._book.stream, lambda conn, committed: self._book.load(conn, committed))

    async def ceiling(self, contract_id: str, year: int) -> tuple[int, ceilings.Ceiling]:
        stream = ceiling_stream(contract_id, year)
        return await self._load(stream, lambda conn, committed: self._ceilings.load(conn, stream, committed))

    async def _load(self, stream: str, load: Callable[[Any, bool], Any]) -> Any:
        written = self._written
        if written.staged.get(stream) is not None:
            return written.staged[stream]
        async with connected(self._source) as conn:
            found = await load(conn, stream not in written.staged)
        if stream not in written.staged:
            written.read[stream] = found
        return found

    def committed(self) -> None:
        """This unit of work committed: what it appended to the book and the ceilings is their
        state now, for the next one in this process (the settlement after this one) to decide on
        without reading back and decoding this one's events."""
        for stream, folded in self._written.staged.items():
            if folded is None:
                continue
            if stream == self._book.stream:
                self._book.remember(*folded)
            else:
                self._ceilings.remember(stream, *folded)
        self._written.read.clear()
        self._written.staged.clear()


class SqlProjections:
    def __init__(self, source: Source, written: Written) -> None:
        self._source, self._written = source, written

    async def project(self, decided: Sequence[Any], at: datetime) -> None:
        self._written.saw(decided)
        async with connected(self._source) as conn:
            await project(conn, decided, at)
