"""A message's bytes into a table of records (received_bodies, mailbox_bodies), without the copies
a bound parameter costs on SQLite.

SQLite's Python driver binds a blob as a copy, the statement builds the row from that copy (a
second), and the first stays bound to the cached statement until the statement's next use: writing
a 65 MB JW323 so raised the resident set by 130 MB and left 65 MB of it behind (bench memory). On
SQLite the row is therefore inserted with a zero-filled blob of the body's length, and the bytes
are written into it with the incremental blob API, a piece at a time when they come as a file, in
the same transaction. Other databases take the bytes as a parameter.
"""

from __future__ import annotations

import io
import sqlite3
from typing import BinaryIO

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection

_PIECE = 1024 * 1024


async def keep_bytes(conn: AsyncConnection, table: sa.Table, message_id: str, body: bytes | BinaryIO) -> None:
    """`body`: the bytes, or a seekable file of them (read from its start)."""
    if conn.dialect.name != "sqlite":
        # Bytes go in as parameters, never .values(): SQLAlchemy's statement cache keeps the first
        # statement of each shape, and with it the values built into it (a 65 MB JW323, for good).
        await conn.execute(sa.insert(table), {"message_id": message_id, "body": _whole(body)})
        return
    size = len(body) if isinstance(body, bytes) else body.seek(0, io.SEEK_END)
    # The row through SQLAlchemy, so that its errors (a duplicate key) read as every other write's.
    inserted = await conn.execute(sa.insert(table).values(body=sa.func.zeroblob(sa.bindparam("size"))),
                                  {"message_id": message_id, "size": size})
    driver = (await conn.get_raw_connection()).driver_connection
    # The blob API is sqlite3's, which aiosqlite does not wrap: the call runs on the connection's
    # own thread through aiosqlite's queue, as SQLAlchemy's aiosqlite dialect does for the same reason.
    await driver._execute(_write, driver._conn, table.name, inserted.lastrowid, body)  # type: ignore[union-attr]


def _whole(body: bytes | BinaryIO) -> bytes:
    if isinstance(body, bytes):
        return body
    body.seek(0)
    return body.read()


def _write(connection: sqlite3.Connection, table: str, row: int, body: bytes | BinaryIO) -> None:
    with connection.blobopen(table, "body", row) as blob:
        if isinstance(body, bytes):
            blob.write(body)
            return
        body.seek(0)
        for piece in iter(lambda: body.read(_PIECE), b""):
            blob.write(piece)
