"""Build every persistence adapter with the kernel tables, for the contract suites."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from shared.persistence.engines import create_engines
from shared.persistence.memory import MemoryDatabase
from shared.persistence.sql import SqlDatabase
from shared.persistence.tables import kernel_tables, new_metadata

ADAPTERS = ["memory", "sqlite", "postgres"]


async def open_sql(url: str, now: Callable[[], datetime] | None = None) -> SqlDatabase:
    metadata = new_metadata()
    tables = kernel_tables(metadata)
    engines = create_engines(url)
    async with engines.write.begin() as conn:
        await conn.run_sync(metadata.create_all)
    return SqlDatabase(engines, tables, now) if now else SqlDatabase(engines, tables)


async def open_database(kind: str, tmp_path: Path, postgres_url: Callable[[], str]):  # type: ignore[no-untyped-def]
    if kind == "memory":
        return MemoryDatabase()
    if kind == "sqlite":
        return await open_sql(f"sqlite+aiosqlite:///{tmp_path / 'store.db'}")
    return await open_sql(postgres_url())
