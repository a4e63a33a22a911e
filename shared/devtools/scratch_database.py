"""A database with only the kernel tables, created directly (no migrations): for the contract
suites and the benchmarks, which measure the kernel, not a service."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from shared.persistence.engines import create_engines
from shared.persistence.sql import SqlDatabase
from shared.persistence.tables import kernel_tables, new_metadata


def _now() -> datetime:
    return datetime.now(UTC)


async def scratch_database(url: str, now: Callable[[], datetime] = _now) -> SqlDatabase:
    metadata = new_metadata()
    tables = kernel_tables(metadata)
    engines = create_engines(url)
    async with engines.write.begin() as conn:
        await conn.run_sync(metadata.create_all)
    return SqlDatabase(engines, tables, now)
