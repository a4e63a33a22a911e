"""The payment book and ceilings folded from their streams (adapters/book_store.py keeps them warm),
and the projections of their events into the read models (adapters/projections.py)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable, Sequence
from datetime import datetime
from typing import Any

from services.payments.adapters.book_store import BookCache, FoldedStreams
from services.payments.adapters.projections import project
from services.payments.domain import book as books
from services.payments.domain import ceilings
from services.payments.domain.events import BookEvent, CeilingEvent
from shared.persistence.sql_work import Source, connected

Folded = tuple[int, Any]
Staged = tuple[int, Any, list[Any]]
"""A stream's version and state as this unit of work read it, and the events it appended after."""


class Written:
    """The book and ceiling streams one unit of work read and appended to (every appended event
    is projected, so the projections see them). Once written inside the transaction (a flush), a
    later read in it sees them, but they are not committed, so the warm states take them only when
    the work has committed (`SqlPaymentBooks.committed`). A stream's state after this work's own
    appends is the state it read with them (`staged`); None where it appended to a stream it did
    not read first."""

    def __init__(self, book_stream: str) -> None:
        self.book_stream = book_stream
        self.read: dict[str, Folded] = {}
        self.staged: dict[str, Staged | None] = {}

    def saw(self, decided: Sequence[Any]) -> None:
        booked = [e for e in decided if isinstance(e, BookEvent)]
        if booked:
            self._append(self.book_stream, booked)
        by_ceiling: dict[str, list[Any]] = {}
        for event in decided:
            if isinstance(event, CeilingEvent):
                by_ceiling.setdefault(ceilings.ceiling_stream(event.contract_id, event.year), []).append(event)
        for stream, events in by_ceiling.items():
            self._append(stream, events)

    def _append(self, stream: str, events: list[Any]) -> None:
        if stream in self.staged:
            staged = self.staged[stream]
            if staged is not None:
                staged[2].extend(events)
        elif stream in self.read:
            version, state = self.read[stream]
            self.staged[stream] = (version, state, list(events))
        else:
            self.staged[stream] = None

    def folded(self, stream: str, fold: Callable[[Iterable[Any], Any], Any]) -> Folded | None:
        """The stream as this work appended to it, folded; None where not known here."""
        staged = self.staged.get(stream)
        if staged is None:
            return None
        version, state, events = staged
        if events:
            version, state = version + len(events), fold(events, state)
            self.staged[stream] = (version, state, [])
        return version, state


class SqlPaymentBooks:
    def __init__(self, source: Source, book: BookCache, ceilings: FoldedStreams[ceilings.Ceiling],
                 written: Written) -> None:
        self._source, self._book, self._ceilings, self._written = source, book, ceilings, written

    async def book(self) -> tuple[int, books.Book]:
        stream = self._book.stream
        return await self._load(stream, books.fold, lambda conn, committed: self._book.load(conn, committed))

    async def ceiling(self, contract_id: str, year: int) -> tuple[int, ceilings.Ceiling]:
        stream = ceilings.ceiling_stream(contract_id, year)
        return await self._load(stream, ceilings.fold,
                                lambda conn, committed: self._ceilings.load(conn, stream, committed))

    async def _load(self, stream: str, fold: Callable[[Iterable[Any], Any], Any],
                    load: Callable[[Any, bool], Awaitable[Any]]) -> Any:
        written = self._written
        own = written.folded(stream, fold)
        if own is not None:
            return own
        async with connected(self._source) as conn:
            found = await load(conn, stream not in written.staged)
        if stream not in written.staged:
            written.read[stream] = found
        return found

    def committed(self) -> None:
        """This unit of work committed: what it appended to the book and the ceilings is their
        state now, for the next one in this process (the settlement after this one) to decide on
        without reading back and decoding this one's events."""
        for stream, staged in self._written.staged.items():
            if staged is None:
                continue
            if stream == self._book.stream:
                self._book.remember_after(*staged)
            else:
                self._ceilings.remember_after(stream, *staged)
        self._written.read.clear()
        self._written.staged.clear()


class SqlProjections:
    def __init__(self, source: Source, written: Written) -> None:
        self._source, self._written = source, written

    async def project(self, decided: Sequence[Any], at: datetime) -> None:
        self._written.saw(decided)
        async with connected(self._source) as conn:
            await project(conn, decided, at)
