"""The JW323 as received and the JW325 as sent, kept as records beside the events.

Bytes go in as parameters, never .values(): SQLAlchemy's statement cache keeps the first statement
of each shape, and with it the values built into it (a 65 MB JW323, for good).

SQLite's driver keeps the statements it prepared, and a statement keeps the parameters it was last
run with, a blob as its own copy: a 65 MB JW323 stayed bound, outside Python's heap, until the next
declaration was kept. On SQLite the row is therefore inserted empty, given its bytes by an update,
and that update is run once more matching no row, which binds an empty blob in their place.

Bound, the bytes are in memory three times at once: the caller's, the binding's copy and the row
SQLite builds from it. Bytes the caller can make (`keep_made`) are made inside the statement, by a
function SQLite calls, so no more than two copies are ever held (a 65 MB JW323: 60 MB less).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection

NO_DECLARATION = ""
"""No declaration has it: the id the second run of the update matches nothing with."""


async def keep(conn: AsyncConnection, table: sa.Table, row: dict[str, Any], xml: bytes) -> None:
    """`row` with its `xml`; a second row with the same declaration id is an IntegrityError."""
    if conn.dialect.name != "sqlite":
        await conn.execute(sa.insert(table), {**row, "xml": xml})
        return
    await conn.execute(sa.insert(table), {**row, "xml": b""})
    fill = (sa.update(table).where(table.c.declaration_id == sa.bindparam("declaration"))
            .values(xml=sa.bindparam("bytes")))
    await conn.execute(fill, {"declaration": row["declaration_id"], "bytes": xml})
    await conn.execute(fill, {"declaration": NO_DECLARATION, "bytes": b""})


MADE = "happyflow_made"
"""The SQL function that makes the bytes, defined on the connection only while it writes them."""


async def keep_made(conn: AsyncConnection, table: sa.Table, row: dict[str, Any], make: Callable[[], bytes]) -> None:
    """`row` with the bytes `make` gives as its `xml`, made while SQLite writes them."""
    if conn.dialect.name != "sqlite":
        await conn.execute(sa.insert(table), {**row, "xml": make()})
        return
    sqlite = (await conn.get_raw_connection()).driver_connection
    await sqlite.create_function(MADE, 0, make)
    try:
        await conn.execute(sa.insert(table).values(xml=getattr(sa.func, MADE)()), row)
    finally:
        await sqlite.create_function(MADE, 0, None)
