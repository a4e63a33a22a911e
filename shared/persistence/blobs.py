"""A record's bytes (a received JW323, a JW325 sent, a message in a mailbox) into its table without
the copies a bound parameter costs on SQLite.

SQLite's Python driver binds a blob as a copy, the statement builds the row from that copy (a
second), and the copy stays bound to the prepared statement, which the driver keeps, until the
statement runs again: writing a 65 MB JW323 so raised the resident set by 130 MB and left 65 MB of
it behind for good (bench memory). On SQLite the row is therefore inserted with a zero-filled blob
of the body's length, and the bytes are written into it through the incremental blob API, a piece
at a time when they come as a file, in the same transaction. Bytes the caller can make are made
inside the insert instead, by a function SQLite calls: they are then never held beside the row
SQLite builds from them for longer than the call (a 100,000-line JW323 as invoicing keeps it:
about 55 MB less at the peak than made first and written through the blob API). Other databases take
the bytes as a parameter, never through .values(): SQLAlchemy's statement cache keeps the first
statement of each shape and the values built into it.
"""

from __future__ import annotations

import io
import sqlite3
from collections.abc import Callable, Mapping
from typing import Any, BinaryIO

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection

Body = bytes | BinaryIO | Callable[[], bytes]
"""The bytes; a seekable file of them (read from its start); or what makes them, called only when
they are written, so the caller need not hold them while the row is made."""
_PIECE = 1024 * 1024
_SIZE = "happyflow_blob_size"
_MADE = "happyflow_made"
"""The SQL function that makes the bytes, defined on the connection only while it writes them."""


async def insert_with_bytes(conn: AsyncConnection, table: sa.Table, row: Mapping[str, Any], column: str,
                            body: Body) -> None:
    """`row` with `body` in `column`; a row whose key is taken is an IntegrityError, as any insert's."""
    if conn.dialect.name != "sqlite":
        await conn.execute(sa.insert(table), {**row, column: _whole(body() if callable(body) else body)})
        return
    if callable(body):
        await _insert_made(conn, table, row, column, body)
        return
    size = len(body) if isinstance(body, bytes) else body.seek(0, io.SEEK_END)
    inserted = await conn.execute(sa.insert(table).values({column: sa.func.zeroblob(sa.bindparam(_SIZE))}),
                                  {**row, _SIZE: size})
    driver = (await conn.get_raw_connection()).driver_connection
    # The blob API is sqlite3's, which aiosqlite does not wrap: the call runs on the connection's
    # own thread through aiosqlite's queue, as SQLAlchemy's aiosqlite dialect does for the same reason.
    await driver._execute(_write, driver._conn, table.name, column, inserted.lastrowid, body)  # type: ignore[union-attr]


async def _insert_made(conn: AsyncConnection, table: sa.Table, row: Mapping[str, Any], column: str,
                       make: Callable[[], bytes]) -> None:
    sqlite = (await conn.get_raw_connection()).driver_connection
    await sqlite.create_function(_MADE, 0, make)
    try:
        await conn.execute(sa.insert(table).values({column: getattr(sa.func, _MADE)()}), dict(row))
    finally:
        await sqlite.create_function(_MADE, 0, None)


def _whole(body: bytes | BinaryIO) -> bytes:
    if isinstance(body, bytes):
        return body
    body.seek(0)
    return body.read()


def _write(connection: sqlite3.Connection, table: str, column: str, row: int, body: bytes | BinaryIO) -> None:
    with connection.blobopen(table, column, row) as blob:
        if isinstance(body, bytes):
            blob.write(body)
            return
        body.seek(0)
        for piece in iter(lambda: body.read(_PIECE), b""):
            blob.write(piece)
