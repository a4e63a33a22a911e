"""Engines for a service database: SQLite (embedded default) or PostgreSQL (distributed).

SQLite: WAL, and every writing transaction starts with BEGIN IMMEDIATE so that two writers
queue instead of one failing with a stale snapshot; readers use a second engine with plain
deferred reads, which WAL never blocks. The writing engine has one connection, so the writers of
one process queue for it in arrival order: left to SQLite's busy handler they poll with sleeps of
up to 100 ms, and under a steady stream of short writers (consumers, relays, requests) one of
them could miss its turn for the whole 30 s busy timeout ("database is locked"). The busy timeout
is left for another process writing the same file (`happyflow region load` while serving).
PostgreSQL needs one engine; appends are serialised inside the transaction instead (see sql.py).

JSON columns (event payloads, projection rows) are written and read by msgspec rather than the
standard library's json: a 10,000-line declaration writes some 60,000 JSON values, which took
json 0.4 s of its intake. The text differs (no spaces, UTF-8 rather than escapes); both read
back as the same values, and rows written before read as they did.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import msgspec
from sqlalchemy import event
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine

SQLITE_BUSY_TIMEOUT_S = 30
WRITE_QUEUE_TIMEOUT_S = 300  # the writers ahead together; each transaction is kept short


@dataclass(frozen=True)
class Engines:
    write: AsyncEngine
    read: AsyncEngine

    @property
    def is_sqlite(self) -> bool:
        return self.write.dialect.name == "sqlite"

    async def dispose(self) -> None:
        await self.write.dispose()
        if self.read is not self.write:
            await self.read.dispose()


def _json_text(value: object) -> str:
    return _ENCODER.encode(value).decode("utf-8")


_ENCODER = msgspec.json.Encoder()
JSON_CODEC = {"json_serializer": _json_text, "json_deserializer": msgspec.json.Decoder().decode}


def ensure_sqlite_folder(url: str) -> None:
    """A fresh machine has no ./var yet; SQLite creates the file but not its folder."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite" and parsed.database and parsed.database != ":memory:":
        Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)


def create_engines(url: str, busy_timeout_s: float = SQLITE_BUSY_TIMEOUT_S) -> Engines:
    if make_url(url).get_backend_name() != "sqlite":
        engine = create_async_engine(url, pool_pre_ping=True, **JSON_CODEC)
        return Engines(engine, engine)
    ensure_sqlite_folder(url)
    write = create_async_engine(url, connect_args={"timeout": busy_timeout_s}, pool_size=1, max_overflow=0,
                                pool_timeout=WRITE_QUEUE_TIMEOUT_S, **JSON_CODEC)
    read = create_async_engine(url, connect_args={"timeout": busy_timeout_s}, **JSON_CODEC)
    _pragmas(write, immediate=True)
    _pragmas(read, immediate=False)
    return Engines(write, read)


def _pragmas(engine: AsyncEngine, immediate: bool) -> None:
    @event.listens_for(engine.sync_engine, "connect")
    def on_connect(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()
        if immediate:
            # Take transaction control from the driver so that BEGIN can be IMMEDIATE.
            dbapi_connection.isolation_level = None

    if immediate:
        @event.listens_for(engine.sync_engine, "begin")
        def on_begin(connection) -> None:  # type: ignore[no-untyped-def]
            connection.exec_driver_sql("BEGIN IMMEDIATE")
