"""The raw limits a pipeline figure is compared with, measured in the same run on the same machine
(design.md §10): lxml decode + XSD of the same bytes, one event per line inserted in one
transaction on the same database, and Kafka produce and consume on the same broker."""

from __future__ import annotations

import time
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

import asyncpg

from shared.bus import KafkaBus, KafkaSettings, Message
from shared.devtools.postgres_cluster import PostgresCluster
from shared.devtools.scratch_database import scratch_database
from shared.events.envelope import NewEvent
from shared.ijw import decode

PAYLOAD = {"reference": "R1", "amount": 5000, "codes": []}


@dataclass(frozen=True)
class Limit:
    what: str
    per_second: float
    unit: str = "lines/s"


def decoding(bodies: Sequence[bytes], lines: int) -> Limit:
    """Decoding `bodies`, which hold `lines` lines, one message at a time as the gateway does."""
    started = time.perf_counter()
    for body in bodies:
        decode(body, max_bytes=len(body))
    return Limit("lxml decode + XSD of the same bytes", lines / (time.perf_counter() - started))


async def inserting(url: str, events: int, where: str, unit: str = "lines/s") -> Limit:
    """One event per line, one transaction, into the kernel tables at `url`."""
    db = await scratch_database(url)
    try:
        at = datetime.now(UTC)
        batch = [NewEvent("bench.LineApproved", 1, PAYLOAD, at) for _ in range(events)]
        started = time.perf_counter()
        await db.append(f"bench-{uuid.uuid4().hex}", 0, batch)
        return Limit(f"one event per line, one transaction ({where})", events / (time.perf_counter() - started), unit)
    finally:
        await db.close()


async def fresh_database(cluster: PostgresCluster) -> str:
    name = f"limits_{uuid.uuid4().hex[:8]}"
    admin = await asyncpg.connect(host=cluster.host, port=cluster.port, user="postgres")
    try:
        await admin.execute(f'CREATE DATABASE "{name}"')
    finally:
        await admin.close()
    return cluster.url(name)


async def kafka(bootstrap: str, messages: int, size: int = 600) -> list[Limit]:
    """Produce `messages` of `size` bytes (a routed line is about that) and consume them again,
    acks=all, on the broker the services use."""
    topic = f"bench-limits-{uuid.uuid4().hex[:8]}"
    # A short session timeout: a broker holds a join for about half of it, which is no throughput.
    bus = KafkaBus(KafkaSettings(bootstrap, client_id="happyflow-bench", enable_idempotence=False,
                                 session_timeout_ms=2_000, heartbeat_interval_ms=500))
    await bus.start()
    try:
        value = b"x" * size
        started = time.perf_counter()
        await bus.publish([Message(topic, f"k{n % 64}", value) for n in range(messages)])
        produced = messages / (time.perf_counter() - started)
        consumer = bus.consumer(f"{topic}-reader", [topic])
        await consumer.start()
        started, seen = time.perf_counter(), 0
        while seen < messages:
            seen += len(await consumer.poll(max_records=10_000, timeout=1.0))
        consumed = messages / (time.perf_counter() - started)
        await consumer.stop()
    finally:
        await bus.stop()
    return [Limit("Kafka produce (acks=all)", produced, "msgs/s"),
            Limit("Kafka consume (group join included)", consumed, "msgs/s")]
