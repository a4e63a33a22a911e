"""The JW323 as received and the JW325 as sent, kept as records beside the events.

Bytes go in as parameters, never .values(): SQLAlchemy's statement cache keeps the first statement
of each shape, and with it the values built into it (a 65 MB JW323, for good).

SQLite's driver keeps the statements it prepared, and a statement keeps the parameters it was last
run with, a blob as its own copy: a 65 MB JW323 stayed bound, outside Python's heap, until the next
declaration was kept. On SQLite the row is therefore inserted empty, given its bytes by an update,
and that update is run once more matching no row, which binds an empty blob in their place.
"""

from __future__ import annotations

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
