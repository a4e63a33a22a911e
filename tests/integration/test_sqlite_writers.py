"""SQLite writers of one process take turns for the database instead of failing with "database is
locked", and a poll of big messages is applied in transactions short enough to take turns with."""

from __future__ import annotations

import asyncio
import uuid
from datetime import UTC, datetime
from pathlib import Path

from shared.bus.port import Record
from shared.devtools.scratch_database import scratch_database
from shared.events.envelope import Envelope, NewEvent
from shared.events.registry import EventRegistry, EventType
from shared.persistence.engines import create_engines
from shared.persistence.inbox import IdempotentHandler
from shared.persistence.memory import MemoryDatabase
from shared.persistence.sql import SqlDatabase

T0 = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)


def happened(n: int, size: int = 10) -> NewEvent:
    return NewEvent("test.Happened", 1, {"n": n, "xml": "x" * size}, T0)


async def test_writers_queue_for_the_database_while_a_long_transaction_holds_it(tmp_path: Path) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path / 'service.db'}"
    store = await scratch_database(url)
    impatient = SqlDatabase(create_engines(url, busy_timeout_s=0.05), store.tables)  # SQLite gives up at once

    async def matching_a_big_declaration() -> None:
        async with impatient.unit_of_work() as uow:
            uow.append("big", 0, [happened(0)])
            await uow.flush()
            await asyncio.sleep(0.3)  # stands in for matching work done inside the transaction
            await uow.commit()

    await asyncio.gather(matching_a_big_declaration(), *(impatient.append(f"s-{n}", 0, [happened(n)])
                                                         for n in range(1, 21)))
    assert len(await store.read_all()) == 21
    await impatient.close()
    await store.close()


class CountingDatabase(MemoryDatabase):
    transactions: int = 0

    def unit_of_work(self):  # type: ignore[no-untyped-def]
        self.transactions += 1
        return super().unit_of_work()


def records(count: int, size: int) -> list[Record]:
    envelopes = [Envelope.of(f"s-{n}", 1, happened(n, size)) for n in range(count)]
    return [Record("t", 0, n, e.stream_id, e.to_json(), ()) for n, e in enumerate(envelopes)]


async def test_a_poll_of_big_messages_takes_a_transaction_per_message_and_of_small_ones_one() -> None:
    applied: list[uuid.UUID] = []

    async def apply(uow, envelope) -> None:  # type: ignore[no-untyped-def]
        applied.append(envelope.event_id)

    db = CountingDatabase()
    handler = IdempotentHandler(db, "c", EventRegistry([EventType("test.Happened", 1)]), apply)
    await handler.batch(records(3, 700_000))
    await handler.batch(records(100, 1_000))
    assert db.transactions == 4 and len(applied) == 103
