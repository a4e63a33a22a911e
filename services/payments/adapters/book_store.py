"""Loading the payment book and the ceilings from their streams, and turning decided events
into stored ones.

The book is one stream for the whole region and a ceiling one stream per contract-year, so
replaying a stream per command would cost O(events) every time. `FoldedStreams` keeps the folded
state of each stream's last committed version warm in this process and reads only the events
after it, inside the command's own transaction: another process's appends are picked up, and
the version check at commit still guards against a writer in between. A cached state only moves
forward, and only to committed versions.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any, Generic, TypeVar

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection

from services.payments.adapters.stored_events import decoded
from services.payments.domain import book as books
from services.payments.domain import ceilings
from shared.persistence.tables import KernelTables

S = TypeVar("S")


class FoldedStreams(Generic[S]):
    def __init__(self, tables: KernelTables, fold: Callable[[Iterable[Any], S], S], initial: S) -> None:
        self._events = tables.events
        self._fold = fold
        self._initial = initial
        self._known: dict[str, tuple[int, S]] = {}
        self._unfolded: dict[str, tuple[int, S, Sequence[Any]]] = {}

    async def load(self, conn: AsyncConnection, stream: str, committed: bool = True) -> tuple[int, S]:
        """The stream's state as of its latest version visible to `conn`; kept for the next load
        only when `committed` (the transaction has not written to the stream itself: what it
        wrote may still be rolled back)."""
        self._fold_remembered(stream)
        version, state = self._known.get(stream, (0, self._initial))
        tail = await _events_after(conn, self._events, stream, version)
        if tail:
            version, state = version + len(tail), self._fold(tail, state)
            if committed:
                self.remember(stream, version, state)
        return version, state

    def remember(self, stream: str, version: int, state: S) -> None:
        """Called with committed state only."""
        self._fold_remembered(stream)
        if version > self._known.get(stream, (0, None))[0]:
            self._known[stream] = (version, state)

    def remember_after(self, stream: str, version: int, state: S, events: Sequence[Any]) -> None:
        """Committed: `events` appended after `state` at `version`. Folded when the stream is next
        loaded, not now: a process that does not decide on the stream again does not pay for it."""
        self._fold_remembered(stream)
        if version + len(events) > self._known.get(stream, (0, None))[0]:
            self._known.pop(stream, None)
            self._unfolded[stream] = (version, state, events)

    def _fold_remembered(self, stream: str) -> None:
        if stream in self._unfolded:
            version, state, events = self._unfolded.pop(stream)
            self._known[stream] = (version + len(events), self._fold(events, state))


class BookCache:
    """The region's payment book (one stream)."""

    def __init__(self, region: str, tables: KernelTables) -> None:
        self.region = region
        self.stream = f"book-{region}"
        self._streams = FoldedStreams(tables, books.fold, books.Book())

    async def load(self, conn: AsyncConnection, committed: bool = True) -> tuple[int, books.Book]:
        return await self._streams.load(conn, self.stream, committed)

    def remember(self, version: int, book: books.Book) -> None:
        self._streams.remember(self.stream, version, book)

    def remember_after(self, version: int, book: books.Book, events: Sequence[Any]) -> None:
        self._streams.remember_after(self.stream, version, book, events)


def ceiling_cache(tables: KernelTables) -> FoldedStreams[ceilings.Ceiling]:
    return FoldedStreams(tables, ceilings.fold, ceilings.Ceiling())


async def _events_after(conn: AsyncConnection, events: sa.Table, stream: str, version: int) -> list[Any]:
    query = (sa.select(events)
             .where(events.c.stream_id == stream, events.c.stream_version > version)
             .order_by(events.c.stream_version))
    return decoded(await conn.execute(query))
