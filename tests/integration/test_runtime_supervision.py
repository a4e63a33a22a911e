"""A consumer whose worker fails is rejoined by the runtime and resumes from its committed offset."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from pathlib import Path

from shared.bus import InMemoryBus, Message, Record
from shared.clock import SystemClock
from shared.events.registry import EventRegistry
from shared.persistence.relay import OutboxRelay
from shared.service import ServiceContainer, Subscription
from services.gateway.config import GatewaySettings
from services.runtime import Runtime
from shared.devtools.scratch_database import scratch_database


class DeadLetterFailsOnce(InMemoryBus):
    def __init__(self) -> None:
        super().__init__()
        self.failed = False

    async def publish(self, messages: Sequence[Message]) -> None:
        if any(m.topic.endswith(".dlq") for m in messages) and not self.failed:
            self.failed = True
            raise ConnectionError("broker away while dead-lettering")
        await super().publish(messages)


async def test_a_failed_worker_is_rejoined_and_the_partition_moves_on(tmp_path: Path) -> None:
    bus = DeadLetterFailsOnce()
    handled: list[bytes] = []
    good_seen = asyncio.Event()

    async def handle(record: Record) -> None:
        if record.value == b"poison":
            raise ValueError("cannot parse")
        handled.append(record.value)
        good_seen.set()

    db = await scratch_database(f"sqlite+aiosqlite:///{tmp_path / 's.db'}")
    clock = SystemClock()
    container = ServiceContainer("gateway", GatewaySettings(database_url="sqlite+aiosqlite:///x"), db, clock,
                                 EventRegistry(), OutboxRelay(db, bus, clock, name="gateway"),
                                 [Subscription("g", ["t"], handle)])
    runtime = Runtime([container], bus, rejoin_seconds=0.01)
    await runtime.start()
    try:
        await bus.publish([Message("t", "k", b"poison"), Message("t", "k", b"good")])
        await asyncio.wait_for(good_seen.wait(), timeout=30)
    finally:
        await runtime.stop()
    assert bus.failed and handled == [b"good"]
