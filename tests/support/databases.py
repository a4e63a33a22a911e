"""Build every persistence adapter with the kernel tables, for the contract suites."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from shared.devtools.scratch_database import scratch_database
from shared.persistence.memory import MemoryDatabase

ADAPTERS = ["memory", "sqlite", "postgres"]



async def open_database(kind: str, tmp_path: Path, postgres_url: Callable[[], str]):  # type: ignore[no-untyped-def]
    if kind == "memory":
        return MemoryDatabase()
    if kind == "sqlite":
        return await scratch_database(f"sqlite+aiosqlite:///{tmp_path / 'store.db'}")
    return await scratch_database(postgres_url())
