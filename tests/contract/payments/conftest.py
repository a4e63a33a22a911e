"""The payments ports on every adapter: in memory, and in SQL on SQLite and PostgreSQL (the
payments tables created directly from its metadata, as the gateway's contract suites do)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from functools import partial
from pathlib import Path
from typing import Any

import pytest

from services.payments.adapters.book_store import BookCache, ceiling_cache
from services.payments.adapters.memory import memory_ports
from services.payments.adapters.memory.state import PaymentsState
from services.payments.adapters.sql import sql_ports
from services.payments.adapters.tables import kernel, metadata
from services.payments.ports import PaymentsPorts
from shared.persistence.engines import create_engines
from shared.persistence.memory import MemoryDatabase
from shared.persistence.memory_work import MemoryStore
from shared.persistence.ports import Store
from shared.persistence.sql import SqlDatabase
from shared.persistence.sql_work import SqlStore

ADAPTERS = ["memory", "sqlite", "postgres"]
REGION = "regio"


@pytest.fixture(params=ADAPTERS)
async def store(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[Store[PaymentsPorts]]:
    if request.param == "memory":
        yield MemoryStore(MemoryDatabase(), PaymentsState(), memory_ports)
        return
    url = (f"sqlite+aiosqlite:///{tmp_path / 'payments.db'}" if request.param == "sqlite"
           else request.getfixturevalue("postgres_url"))
    engines = create_engines(url)
    async with engines.write.begin() as conn:
        await conn.run_sync(metadata.create_all)
    db = SqlDatabase(engines, kernel)
    try:
        yield SqlStore(db, partial(sql_ports, **caches()))
    finally:
        await db.close()


@pytest.fixture
def queries(store: Store[PaymentsPorts]) -> PaymentsPorts:
    """The ports outside a unit of work, as routes read them."""
    if isinstance(store, MemoryStore):
        return store.queries()
    return sql_ports(store.db.engines.read, **caches())  # type: ignore[attr-defined]


def caches() -> dict[str, Any]:
    """Fresh ones: a folded stream only ever warms up from what was committed."""
    return {"book": BookCache(REGION, kernel), "ceilings": ceiling_cache(kernel)}
