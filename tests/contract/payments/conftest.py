"""The payments service's ports on every adapter (tests/support/port_stores.py)."""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence
from datetime import datetime
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
from shared.events.envelope import NewEvent
from shared.persistence.ports import Store
from tests.support.port_stores import ADAPTERS, Adapters, port_queries, port_store

REGION = "regio"
ADAPTED = Adapters("payments", metadata, kernel, PaymentsState, memory_ports, lambda: partial(sql_ports, **caches()))


@pytest.fixture(params=ADAPTERS)
async def store(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[Store[PaymentsPorts]]:
    async for found in port_store(request, tmp_path, ADAPTED):
        yield found


@pytest.fixture
def queries(store: Store[PaymentsPorts]) -> PaymentsPorts:
    return port_queries(store, ADAPTED)  # type: ignore[no-any-return]


def new_events(decided: Sequence[Any], now: datetime) -> list[NewEvent]:
    """Stored events as the command handler makes them: the tenant is the item's municipality."""
    return [NewEvent.of(e, now, tenant=getattr(e, "municipality", None)) for e in decided]


def caches() -> dict[str, Any]:
    """Fresh ones: a folded stream only ever warms up from what was committed."""
    return {"book": BookCache(REGION, kernel), "ceilings": ceiling_cache(kernel)}
