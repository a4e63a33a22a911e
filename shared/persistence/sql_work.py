"""`Store[P]` and `Work[P]` on SQLAlchemy: the kernel's SQL unit of work with a service's port
bundle bound to its connection. The bundle's SQL adapters are the only code that sees the
connection; the service's `bootstrap.py` names them (`bind`)."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator, Callable, Sequence
from contextlib import asynccontextmanager
from types import TracebackType
from typing import Generic, Self, TypeVar

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from shared.events.envelope import Envelope, NewEvent
from shared.persistence.ports import ConcurrencyError
from shared.persistence.sql import SqlDatabase, SqlUnitOfWork

P = TypeVar("P")


class SqlStore(Generic[P]):
    def __init__(self, db: SqlDatabase, bind: Callable[[AsyncConnection], P]) -> None:
        self.db, self._bind = db, bind

    def unit_of_work(self) -> SqlWork[P]:
        return SqlWork(self.db.unit_of_work(), self._bind)

    async def read_all(self, after: int = 0, limit: int = 1000) -> list[Envelope]:
        return await self.db.read_all(after, limit)


class SqlWork(Generic[P]):
    def __init__(self, uow: SqlUnitOfWork, bind: Callable[[AsyncConnection], P]) -> None:
        self._uow, self._bind = uow, bind
        self._ports: P | None = None

    @property
    def ports(self) -> P:
        if self._ports is None:
            raise RuntimeError("unit of work used outside `async with`")
        return self._ports

    async def __aenter__(self) -> Self:
        await self._uow.__aenter__()
        self._ports = self._bind(self._uow.connection)
        return self

    async def __aexit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                        tb: TracebackType | None) -> None:
        await self._uow.__aexit__(exc_type, exc, tb)
        if isinstance(exc, sa.exc.IntegrityError):
            raise ConcurrencyError(str(exc.orig)) from exc

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
        """Written inside the transaction and read back (on PostgreSQL the append lock is held from
        here to the commit, so positions follow commit order)."""
        if not staged:
            return []
        await self._uow.flush()
        events = self._uow._db.tables.events
        conn = self._uow.connection
        ids = [e.event_id for e in staged]
        rows = await conn.execute(sa.select(events.c.event_id, events.c.position).where(events.c.event_id.in_(ids)))
        found = {row.event_id: row.position for row in rows}
        return [e.at(found[e.event_id]) for e in staged]

    async def commit(self) -> None:
        await self._uow.commit()


Source = AsyncConnection | AsyncEngine
"""What an SQL port adapter works on: the unit of work's connection, or the read engine for the
queries routes make outside one."""


@asynccontextmanager
async def connected(source: Source) -> AsyncIterator[AsyncConnection]:
    if isinstance(source, AsyncConnection):
        yield source
    else:
        async with source.connect() as conn:
            yield conn
