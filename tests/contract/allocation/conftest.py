"""The allocation service's ports on every adapter: in memory, and in SQL on SQLite and PostgreSQL
(its tables created directly from its metadata, as the gateway's contract suites do)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from services.allocation.adapters.memory import memory_ports
from services.allocation.adapters.memory.state import AllocationState
from services.allocation.adapters.sql import sql_ports
from services.allocation.adapters.tables import kernel, metadata
from services.allocation.ports import AllocationPorts
from shared.persistence.engines import create_engines
from shared.persistence.memory import MemoryDatabase
from shared.persistence.memory_work import MemoryStore
from shared.persistence.ports import Store
from shared.persistence.sql import SqlDatabase
from shared.persistence.sql_work import SqlStore

ADAPTERS = ["memory", "sqlite", "postgres"]


@pytest.fixture(params=ADAPTERS)
async def store(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[Store[AllocationPorts]]:
    if request.param == "memory":
        yield MemoryStore(MemoryDatabase(), AllocationState(), memory_ports)
        return
    url = (f"sqlite+aiosqlite:///{tmp_path / 'allocation.db'}" if request.param == "sqlite"
           else request.getfixturevalue("postgres_url"))
    engines = create_engines(url)
    async with engines.write.begin() as conn:
        await conn.run_sync(metadata.create_all)
    db = SqlDatabase(engines, kernel)
    try:
        yield SqlStore(db, sql_ports)
    finally:
        await db.close()


@pytest.fixture
def queries(store: Store[AllocationPorts]) -> AllocationPorts:
    """The ports outside a unit of work, as routes read them."""
    if isinstance(store, MemoryStore):
        return store.queries()
    return sql_ports(store.db.engines.read)  # type: ignore[attr-defined]


async def write(store, action) -> None:  # type: ignore[no-untyped-def]
    async with store.unit_of_work() as work:
        await action(work.ports)
        await work.commit()
