"""Event store append throughput on SQLite and PostgreSQL (fsync on): `happyflow bench eventstore`.

Two shapes: one stream growing by one event per transaction (a commit per event, the worst
case), and 100-event batches (how a declaration's events should be written).
"""

from __future__ import annotations

import asyncio
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from rich.console import Console
from rich.table import Table

from shared.devtools.postgres_cluster import ClusterUnavailable, PostgresCluster
from shared.devtools.scratch_database import scratch_database
from shared.events.envelope import NewEvent

PAYLOAD = {"declaration": "D-2026-11-000123", "line": 1, "product": "45A01", "amount": 123456, "bsn": "999990019"}


def _events(n: int) -> list[NewEvent]:
    at = datetime.now(UTC)
    return [NewEvent("bench.LineReceived", 1, PAYLOAD, at) for _ in range(n)]


async def _measure(url: str, events: int) -> tuple[float, float]:
    db = await scratch_database(url)
    try:
        started = time.perf_counter()
        for version in range(events // 10):  # single-event commits are slow: a tenth of the events
            await db.append("one-stream", version, _events(1))
        single = (events // 10) / (time.perf_counter() - started)
        started = time.perf_counter()
        for batch in range(events // 100):
            await db.append(f"batch-{batch}", 0, _events(100))
        batched = (events // 100) * 100 / (time.perf_counter() - started)
        return single, batched
    finally:
        await db.close()


async def _all(events: int, postgres: bool) -> list[tuple[str, float, float]]:
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        results.append(("SQLite (WAL, synchronous=NORMAL)", *await _measure(f"sqlite+aiosqlite:///{Path(tmp) / 'b.db'}", events)))
    if postgres:
        try:
            cluster = PostgresCluster.start(durable=True)
        except ClusterUnavailable as error:
            Console().print(f"[yellow]PostgreSQL skipped: {error}")
            return results
        try:
            results.append(("PostgreSQL (asyncpg, fsync on)", *await _measure(cluster.url(), events)))
        finally:
            cluster.stop()
    return results


def run(events: int, postgres: bool) -> int:
    table = Table(title=f"event store appends ({events} events in 100-batches, {events // 10} single appends)")
    table.add_column("adapter")
    table.add_column("one stream, 1 event/txn (appends/s)", justify="right")
    table.add_column("100-event batches (events/s)", justify="right")
    for name, single, batched in asyncio.run(_all(events, postgres)):
        table.add_row(name, f"{single:,.0f}", f"{batched:,.0f}")
    Console().print(table)
    return 0
