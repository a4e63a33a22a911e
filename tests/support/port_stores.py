"""A service's ports on every adapter, for its contract suites: in memory, and in SQL on SQLite
and PostgreSQL with the service's tables created directly from its metadata."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from shared.persistence.engines import create_engines
from shared.persistence.memory import MemoryDatabase
from shared.persistence.memory_work import MemoryStore
from shared.persistence.ports import Store
from shared.persistence.sql import SqlDatabase
from shared.persistence.sql_work import SqlStore

ADAPTERS = ["memory", "sqlite", "postgres"]


@dataclass(frozen=True)
class Adapters:
    name: str
    metadata: sa.MetaData
    kernel: Any
    state: Callable[[], Any]
    memory_ports: Callable[[Any], Any]
    sql_ports: Callable[[], Callable[[Any], Any]]
    """A binder of the SQL ports to a source; called once per store and once for the queries (a
    service whose SQL ports keep caches gives each its own)."""


async def port_store(request: pytest.FixtureRequest, tmp_path: Path, adapters: Adapters) -> AsyncIterator[Store[Any]]:
    if request.param == "memory":
        yield MemoryStore(MemoryDatabase(), adapters.state(), adapters.memory_ports)
        return
    url = (f"sqlite+aiosqlite:///{tmp_path / f'{adapters.name}.db'}" if request.param == "sqlite"
           else request.getfixturevalue("postgres_url"))
    engines = create_engines(url)
    async with engines.write.begin() as conn:
        await conn.run_sync(adapters.metadata.create_all)
    db = SqlDatabase(engines, adapters.kernel)
    try:
        yield SqlStore(db, adapters.sql_ports())
    finally:
        await db.close()


def port_queries(store: Store[Any], adapters: Adapters) -> Any:
    """The ports outside a unit of work, as routes read them."""
    if isinstance(store, MemoryStore):
        return store.queries()
    return adapters.sql_ports()(store.db.engines.read)  # type: ignore[attr-defined]


async def write(store: Store[Any], change: Callable[[Any], Awaitable[Any]]) -> Any:
    """`change` on the ports of one committed unit of work; what it returned."""
    async with store.unit_of_work() as work:
        result = await change(work.ports)
        await work.commit()
    return result
