"""The gateway's ports on every adapter (tests/support/port_stores.py)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from services.gateway.adapters.memory import memory_ports
from services.gateway.adapters.memory.state import GatewayState
from services.gateway.adapters.sql import sql_ports
from services.gateway.adapters.tables import kernel, metadata
from services.gateway.ports import GatewayPorts
from shared.persistence.ports import Store
from tests.support.port_stores import ADAPTERS, Adapters, port_queries, port_store

ADAPTED = Adapters("gateway", metadata, kernel, GatewayState, memory_ports, lambda: sql_ports)


@pytest.fixture(params=ADAPTERS)
async def store(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[Store[GatewayPorts]]:
    async for found in port_store(request, tmp_path, ADAPTED):
        yield found


@pytest.fixture
def queries(store: Store[GatewayPorts]) -> GatewayPorts:
    return port_queries(store, ADAPTED)  # type: ignore[no-any-return]
