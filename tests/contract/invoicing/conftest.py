"""The invoicing service's ports on every adapter (tests/support/port_stores.py)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from services.invoicing.adapters.memory import memory_ports
from services.invoicing.adapters.memory.state import InvoicingState
from services.invoicing.adapters.sql import sql_ports
from services.invoicing.adapters.tables import kernel, metadata
from services.invoicing.ports import InvoicingPorts
from shared.persistence.ports import Store
from tests.support.port_stores import ADAPTERS, Adapters, port_queries, port_store

ADAPTED = Adapters("invoicing", metadata, kernel, InvoicingState, memory_ports, lambda: sql_ports)


@pytest.fixture(params=ADAPTERS)
async def store(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[Store[InvoicingPorts]]:
    async for found in port_store(request, tmp_path, ADAPTED):
        yield found


@pytest.fixture
def queries(store: Store[InvoicingPorts]) -> InvoicingPorts:
    return port_queries(store, ADAPTED)  # type: ignore[no-any-return]
