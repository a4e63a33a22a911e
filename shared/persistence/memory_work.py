"""`Store[P]` and `Work[P]` in memory: the kernel's in-memory unit of work with a service's
in-memory port bundle, for handler tests that do not test SQL.

The read models live in a plain state object that the bundle's memory adapters change directly.
A unit of work holds the store's lock from begin to end, as SQLite holds its write lock
(BEGIN IMMEDIATE), and keeps a copy of the state to put back when it ends without committing:
events, projections and records commit together or not at all, as in the SQL adapter.
"""

from __future__ import annotations

import asyncio
import copy
import uuid
from collections.abc import Callable, Sequence
from types import TracebackType
from typing import Generic, Self, TypeVar

from shared.events.envelope import Envelope, NewEvent
from shared.persistence.memory import MemoryDatabase, MemoryUnitOfWork

P = TypeVar("P")
S = TypeVar("S")


class MemoryStore(Generic[S, P]):
    def __init__(self, db: MemoryDatabase, state: S, bind: Callable[[S], P]) -> None:
        self.db, self.state, self._bind = db, state, bind
        self.lock = asyncio.Lock()

    def unit_of_work(self) -> MemoryWork[S, P]:
        return MemoryWork(self)

    async def read_all(self, after: int = 0, limit: int = 1000) -> list[Envelope]:
        return await self.db.read_all(after, limit)

    def queries(self) -> P:
        """The same adapters outside a unit of work, for the read side (no lock: reads see what
        committed work left, and work in progress only changes the state it will commit or undo)."""
        return self._bind(self.state)


class MemoryWork(Generic[S, P]):
    def __init__(self, store: MemoryStore[S, P]) -> None:
        self._store = store
        self._uow: MemoryUnitOfWork = store.db.unit_of_work()
        self._saved: dict[str, object] | None = None
        self._committed = False
        self.ports: P = store._bind(store.state)

    async def __aenter__(self) -> Self:
        await self._store.lock.acquire()
        self._saved = copy.deepcopy(vars(self._store.state))
        await self._uow.__aenter__()
        return self

    async def __aexit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                        tb: TracebackType | None) -> None:
        try:
            await self._uow.__aexit__(exc_type, exc, tb)
            if not self._committed and self._saved is not None:
                vars(self._store.state).update(self._saved)
        finally:
            self._store.lock.release()

    async def load(self, stream_id: str) -> list[Envelope]:
        return await self._uow.load(stream_id)

    def append(self, stream_id: str, expected_version: int, events: Sequence[NewEvent]) -> list[Envelope]:
        return self._uow.append(stream_id, expected_version, events)

    def enqueue(self, topic: str, envelopes: Sequence[Envelope], key: str | None = None) -> None:
        self._uow.enqueue(topic, envelopes, key)

    async def claim(self, consumer: str, event_id: uuid.UUID) -> bool:
        return await self._uow.claim(consumer, event_id)

    async def flush(self) -> None:
        await self._uow.flush()

    async def positioned(self, staged: Sequence[Envelope]) -> list[Envelope]:
        """The positions the commit will hand out: every writer of this store holds its lock, so
        nothing else is appended before this unit commits."""
        base = len(self._store.db.events)
        place = {e.event_id: base + i for i, e in enumerate(await self._uow.flush(), start=1)}
        return [e.at(place[e.event_id]) for e in staged]

    async def commit(self) -> None:
        await self._uow.commit()
        self._committed = True
