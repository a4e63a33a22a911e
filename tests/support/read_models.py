"""A comparable picture of read-model tables: every row as canonical JSON, sorted per table."""

from __future__ import annotations

import json
from collections.abc import Iterable

import sqlalchemy as sa

from shared.persistence.sql import SqlDatabase


async def snapshot(db: SqlDatabase, tables: Iterable[sa.Table]) -> dict[str, list[str]]:
    async with db.engines.read.connect() as conn:
        return {table.name: sorted(json.dumps(list(row), sort_keys=True, default=str)
                                   for row in await conn.execute(sa.select(table)))
                for table in tables}
