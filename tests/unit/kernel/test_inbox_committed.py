"""The inbox tells a consumer's unit of work once it has committed, and never after a rollback: a
service keeps what the work decided warm for the next transaction (payments' book and ceilings,
services/payments/adapters/sql/books.py) only if it is committed."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from shared.bus.port import Record
from shared.events.envelope import Envelope, NewEvent
from shared.events.registry import EventRegistry, EventType
from shared.persistence.inbox import idempotent_handler
from shared.persistence.memory import MemoryDatabase

T0 = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)
REGISTRY = EventRegistry([EventType("test.Happened", 1)])


def record(offset: int) -> Record:
    event = NewEvent("test.Happened", 1, {"n": offset}, T0)
    return Record("test.events", 0, offset, "k", Envelope.of("s-1", offset + 1, event).to_json(), ())


async def test_the_work_that_applied_a_poll_is_told_once_it_committed() -> None:
    db = MemoryDatabase()
    applied: list[Any] = []
    told: list[tuple[Any, list[int]]] = []

    async def apply(uow: Any, envelope: Envelope) -> None:
        applied.append((uow, envelope.payload["n"]))

    handler = idempotent_handler(db, "test.consumer", REGISTRY, apply,
                                 committed=lambda uow: told.append((uow, [n for u, n in applied if u is uow])))
    await handler.batch([record(0), record(1)])
    assert [(uow, ns) for uow, ns in told] == [(applied[0][0], [0, 1])]


async def test_a_work_rolled_back_is_not_told() -> None:
    db = MemoryDatabase()
    told: list[Any] = []

    async def apply(uow: Any, envelope: Envelope) -> None:
        raise RuntimeError("the consumer failed halfway")

    handler = idempotent_handler(db, "test.consumer", REGISTRY, apply, committed=told.append)
    with pytest.raises(RuntimeError):
        await handler.batch([record(0)])
    assert told == []
