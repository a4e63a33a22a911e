"""Many rows into one table in one statement, for the bulk writes of a batch (design.md §10).

A 10,000-line declaration writes some 60,000 rows in the embedded default (events, projection
rows), each through `conn.execute(sa.insert(table), rows)`. On SQLite most of that statement's
cost is SQLAlchemy's, not SQLite's: per row it builds a parameter dict, then a list, looking up
each column's bind processor again (measured 0.11-0.13 s for 10,000 event rows, of which 0.05 s
is the processing a row needs). `insert_rows` compiles the INSERT once per table and set of
columns, runs each column's own bind processor (the dialect's: JSON through the engine's
serializer, UUID, DATETIME, Boolean, ...) and hands the driver the tuples: the same values
reach the same statement. Other dialects keep SQLAlchemy's path, which batches for them.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Dialect
from sqlalchemy.ext.asyncio import AsyncConnection

Processor = Callable[[Any], Any] | None


@dataclass(frozen=True)
class _Insert:
    sql: str
    columns: tuple[tuple[str, Processor], ...]
    """Each bound column in the statement's order, with its bind processor (None: as it is)."""

    def values(self, row: Mapping[str, Any]) -> tuple[Any, ...]:
        return tuple([row[key] if process is None else process(row[key]) for key, process in self.columns])


async def insert_rows(conn: AsyncConnection, table: sa.Table, rows: Sequence[Mapping[str, Any]]) -> None:
    """Insert `rows` (dicts with the same keys, as for `conn.execute(sa.insert(table), rows)`)."""
    if not rows:
        return
    insert = _compiled(table, tuple(rows[0]), conn.dialect) if conn.dialect.name == "sqlite" else None
    if insert is None:
        await conn.execute(sa.insert(table), rows)
        return
    await conn.exec_driver_sql(insert.sql, [insert.values(row) for row in rows])


@lru_cache(maxsize=256)
def _compiled(table: sa.Table, keys: tuple[str, ...], dialect: Dialect) -> _Insert | None:
    """None where the statement would bind more than the rows give (a column's Python-side
    default, which only SQLAlchemy's own path fills in)."""
    compiled = sa.insert(table).compile(dialect=dialect, column_keys=list(keys))
    order = tuple(compiled.positiontup or ())
    if not set(order) <= set(keys) or compiled.positional is False:
        return None
    return _Insert(compiled.string, tuple(
        (key, table.c[key].type.dialect_impl(dialect).bind_processor(dialect)) for key in order))
