"""SQLAlchemy 2 async persistence for SQLite (aiosqlite) and PostgreSQL (asyncpg).

Global order without gaps that matter: a reader tailing `position > last` must never pass an
event whose transaction commits late (performance-reliability.md §1.3). Positions come from the
table's sequence at insert time but become visible at commit, so on PostgreSQL every appending
transaction first takes one transaction-scoped advisory lock: insert order is then commit order,
and a rolled-back transaction leaves only a harmless permanent gap. The lock is taken at commit
time, after the handler's projections ran, so it is held only for the inserts and the commit.
SQLite serialises writers for the whole file already (BEGIN IMMEDIATE, engines.py).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from datetime import UTC, datetime, timedelta
from types import TracebackType
from typing import Self

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection

from shared.events.envelope import Envelope, NewEvent
from shared.persistence.engines import Engines
from shared.persistence.ports import OUTBOX_BYTES, ConcurrencyError, OutboxRow, fitting
from shared.persistence.bulk import insert_rows
from shared.persistence.rows import envelope_from_row, event_row, utc
from shared.persistence.tables import KernelTables
from shared.persistence.watchers import OutboxWatchers

APPEND_LOCK_KEY = 0x68617070  # any constant: each service has its own database
CHUNK = 500


def _now() -> datetime:
    return datetime.now(UTC)


class SqlDatabase:
    def __init__(self, engines: Engines, tables: KernelTables, now: Callable[[], datetime] = _now) -> None:
        self.engines = engines
        self.tables = tables
        self.now = now
        self.outbox_watchers = OutboxWatchers()

    def unit_of_work(self) -> SqlUnitOfWork:
        return SqlUnitOfWork(self)

    async def load(self, stream_id: str) -> list[Envelope]:
        async with self.engines.read.connect() as conn:
            return await _load(conn, self.tables.events, stream_id)

    async def read_all(self, after: int = 0, limit: int = 1000) -> list[Envelope]:
        events = self.tables.events
        query = sa.select(events).where(events.c.position > after).order_by(events.c.position).limit(limit)
        async with self.engines.read.connect() as conn:
            return [envelope_from_row(row) for row in await conn.execute(query)]

    async def append(self, stream_id: str, expected_version: int, events: Sequence[NewEvent]) -> list[Envelope]:
        async with self.unit_of_work() as uow:
            staged = uow.append(stream_id, expected_version, events)
            await uow.commit()
        return staged

    def watch_outbox(self, listener: Callable[[], None]) -> Callable[[], None]:
        return self.outbox_watchers.watch(listener)

    async def pending_outbox(self, limit: int, max_bytes: int = OUTBOX_BYTES) -> list[OutboxRow]:
        """The sizes first, then the values of the rows that fit: neither SQLite nor PostgreSQL
        reads a value to tell its length."""
        outbox = self.tables.outbox
        sizes = (
            sa.select(outbox.c.position, sa.func.length(outbox.c.value))
            .where(outbox.c.published_at.is_(None))
            .order_by(outbox.c.position)
            .limit(limit)
        )
        async with self.engines.read.connect() as conn:
            pending = (await conn.execute(sizes)).all()
            taken = [position for position, _ in pending[:fitting([size for _, size in pending], max_bytes)]]
            if not taken:
                return []
            query = (
                sa.select(outbox.c.position, outbox.c.event_id, outbox.c.topic, outbox.c.key, outbox.c.value)
                .where(outbox.c.position.in_(taken))
                .order_by(outbox.c.position)
            )
            return [OutboxRow(*row) for row in await conn.execute(query)]

    async def outbox_backlog(self) -> int:
        outbox = self.tables.outbox
        async with self.engines.read.connect() as conn:
            query = sa.select(sa.func.count()).select_from(outbox).where(outbox.c.published_at.is_(None))
            return await conn.scalar(query) or 0

    async def mark_published(self, positions: Sequence[int], at: datetime) -> None:
        outbox = self.tables.outbox
        async with self.engines.write.begin() as conn:
            for start in range(0, len(positions), CHUNK):
                chunk = list(positions[start : start + CHUNK])
                await conn.execute(
                    sa.update(outbox).where(outbox.c.position.in_(chunk)).values(published_at=utc(at))
                )

    async def acquire_lease(self, name: str, owner: str, now: datetime, ttl_seconds: float,
                            take_over_from: str | None = None) -> bool:
        leases = self.tables.leases
        now = utc(now)
        values = {"owner": owner, "expires_at": now + timedelta(seconds=ttl_seconds)}
        holders = [owner] if take_over_from is None else [owner, take_over_from]
        try:
            async with self.engines.write.begin() as conn:
                renewed = await conn.execute(
                    sa.update(leases)
                    .where(leases.c.name == name)
                    .where(sa.or_(leases.c.owner.in_(holders), leases.c.expires_at < now))
                    .values(**values)
                )
                if renewed.rowcount == 1:
                    return True
                if await conn.scalar(sa.select(leases.c.name).where(leases.c.name == name)):
                    return False
                await conn.execute(sa.insert(leases).values(name=name, **values))
                return True
        except sa.exc.IntegrityError:
            return False  # another relay inserted the lease first

    async def lease_holder(self, name: str) -> str | None:
        leases = self.tables.leases
        async with self.engines.read.connect() as conn:
            return await conn.scalar(sa.select(leases.c.owner).where(leases.c.name == name))

    async def release_lease(self, name: str, owner: str) -> None:
        leases = self.tables.leases
        async with self.engines.write.begin() as conn:
            await conn.execute(sa.delete(leases).where(leases.c.name == name, leases.c.owner == owner))

    async def close(self) -> None:
        await self.engines.dispose()


class SqlUnitOfWork:
    def __init__(self, db: SqlDatabase) -> None:
        self._db = db
        self._appends: list[tuple[str, int, list[Envelope]]] = []
        self._outbox: list[tuple[str, Envelope, str]] = []
        self._wrote_outbox = False
        self._connection: AsyncConnection | None = None

    @property
    def connection(self) -> AsyncConnection:
        """The transaction's connection, for the SQL adapters bound to it (sql_work.py) and the
        SQL-only work of rebuilds; not part of the UnitOfWork port."""
        if self._connection is None:
            raise RuntimeError("unit of work used outside `async with`")
        return self._connection

    async def __aenter__(self) -> Self:
        self._connection = await self._db.engines.write.connect()
        await self._connection.begin()
        return self

    async def __aexit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                        tb: TracebackType | None) -> None:
        if self.connection.in_transaction():
            await self.connection.rollback()
        await self.connection.close()

    async def load(self, stream_id: str) -> list[Envelope]:
        """The stream as this transaction sees it, including what it appended itself."""
        if self._appends:
            await self.flush()
        return await _load(self.connection, self._db.tables.events, stream_id)

    def append(self, stream_id: str, expected_version: int, events: Sequence[NewEvent]) -> list[Envelope]:
        staged = [Envelope.of(stream_id, expected_version + i, e) for i, e in enumerate(events, start=1)]
        self._appends.append((stream_id, expected_version, staged))
        return staged

    def enqueue(self, topic: str, envelopes: Sequence[Envelope], key: str | None = None) -> None:
        self._outbox.extend((topic, envelope, key or envelope.stream_id) for envelope in envelopes)

    async def claim(self, consumer: str, event_id: uuid.UUID) -> bool:
        inbox = self._db.tables.inbox
        seen = await self.connection.scalar(
            sa.select(inbox.c.consumer).where(inbox.c.consumer == consumer, inbox.c.event_id == event_id)
        )
        if seen is not None:
            return False
        await self.connection.execute(
            sa.insert(inbox).values(consumer=consumer, event_id=event_id, processed_at=self._db.now())
        )
        return True

    async def flush(self) -> list[Envelope]:
        """Write what is staged inside the open transaction (positions known, nothing visible)."""
        try:
            written = await self._write_staged()
        except sa.exc.IntegrityError as error:
            raise ConcurrencyError(str(error.orig)) from error
        self._appends, self._outbox = [], []
        return written

    async def commit(self) -> None:
        """Returns nothing: keeping every flushed envelope until here, for a caller that does not
        ask for them, held about 100 MB for a 100,000-line declaration."""
        await self.flush()
        try:
            await self.connection.commit()
        except sa.exc.IntegrityError as error:
            raise ConcurrencyError(str(error.orig)) from error
        if self._wrote_outbox:
            self._wrote_outbox = False
            self._db.outbox_watchers.committed()

    async def _write_staged(self) -> list[Envelope]:
        if not self._appends and not self._outbox:
            return []
        if self.connection.dialect.name == "postgresql":
            await self.connection.execute(sa.text("SELECT pg_advisory_xact_lock(:key)"), {"key": APPEND_LOCK_KEY})
        await self._check_versions()
        written = await self._insert_events()
        await self._insert_outbox()
        return written

    async def _check_versions(self) -> None:
        events = self._db.tables.events
        expected: dict[str, int] = {}
        for stream_id, version, _ in self._appends:
            expected.setdefault(stream_id, version)
        streams = list(expected)
        current: dict[str, int] = {}
        for start in range(0, len(streams), CHUNK):
            query = (
                sa.select(events.c.stream_id, sa.func.max(events.c.stream_version))
                .where(events.c.stream_id.in_(streams[start : start + CHUNK]))
                .group_by(events.c.stream_id)
            )
            current.update({stream: version for stream, version in await self.connection.execute(query)})
        for stream_id, version in expected.items():
            if current.get(stream_id, 0) != version:
                raise ConcurrencyError(
                    f"stream {stream_id} is at version {current.get(stream_id, 0)}, not {version}"
                )

    async def _insert_events(self) -> list[Envelope]:
        staged = [envelope for _, _, envelopes in self._appends for envelope in envelopes]
        # No RETURNING: with it SQLAlchemy sends one statement per row to SQLite, ten times slower.
        # Positions are read back by whoever reads the global order; writers do not need them.
        # The rows are a generator: insert_rows makes a part at a time, never all of a big command's.
        recorded_at = self._db.now()
        await insert_rows(self.connection, self._db.tables.events, (event_row(e, recorded_at) for e in staged))
        return staged

    async def _insert_outbox(self) -> None:
        """A few rows' values at a time (`OUTBOX_BYTES`): a settled declaration's parts are not all
        held as JSON at once."""
        if not self._outbox:
            return
        created_at, rows, size = self._db.now(), [], 0
        for topic, e, key in self._outbox:
            value = e.to_json()
            rows.append({"event_id": e.event_id, "topic": topic, "key": key, "value": value,
                         "created_at": created_at})
            size += len(value)
            if size >= OUTBOX_BYTES:
                await insert_rows(self.connection, self._db.tables.outbox, rows)
                rows, size = [], 0
        if rows:
            await insert_rows(self.connection, self._db.tables.outbox, rows)
        self._wrote_outbox = True


async def _load(conn: AsyncConnection, events: sa.Table, stream_id: str) -> list[Envelope]:
    query = sa.select(events).where(events.c.stream_id == stream_id).order_by(events.c.stream_version)
    return [envelope_from_row(row) for row in await conn.execute(query)]
