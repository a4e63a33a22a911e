"""The allocation service's ports on every adapter (tests/support/port_stores.py)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from services.allocation.adapters.memory import memory_ports
from services.allocation.adapters.memory.state import AllocationState
from services.allocation.adapters.sql import sql_ports
from services.allocation.adapters.tables import kernel, metadata
from services.allocation.ports import AllocationPorts
from shared.persistence.ports import Store
from tests.support.port_stores import ADAPTERS, Adapters, port_queries, port_store

ADAPTED = Adapters("allocation", metadata, kernel, AllocationState, memory_ports, lambda: sql_ports)


@pytest.fixture(params=ADAPTERS)
async def store(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[Store[AllocationPorts]]:
    async for found in port_store(request, tmp_path, ADAPTED):
        yield found


@pytest.fixture
def queries(store: Store[AllocationPorts]) -> AllocationPorts:
    return port_queries(store, ADAPTED)  # type: ignore[no-any-return]
