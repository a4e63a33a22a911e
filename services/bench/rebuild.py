"""`happyflow bench rebuild`: projection rebuild speed (events/s) on SQLite and on PostgreSQL (a
throwaway cluster, fsync on). Each database first gets the events of one JW323 of N lines through
the embedded chain; then every service's read models are emptied and replayed, as
`happyflow rebuild` does, beside the raw limits of the same database: reading the events in
pages, and inserting one event per line in one transaction."""

from __future__ import annotations

import asyncio
import tempfile
import time
from pathlib import Path

from rich.console import Console

from services.bench import limits
from services.bench.limits import Limit
from services.bench.report import Target, show
from services.bench.workload import allocate, register_parties, single, token_of
from services.catalog import SERVICES
from services.harness import embedded_app, settle
from shared.devtools.postgres_cluster import ClusterUnavailable, PostgresCluster
from shared.persistence.sql import SqlDatabase

TARGET = 20_000  # events/s, design.md §10
PAGE = 1_000


async def _reading(db: SqlDatabase) -> tuple[int, float]:
    started, after, read = time.perf_counter(), 0, 0
    while page := await db.read_all(after, PAGE):
        read += len(page)
        after = page[-1].position
    return read, time.perf_counter() - started


async def measure(where: str, var: Path, lines: int, databases: dict[str, str] | None,
                   scratch: str) -> None:
    work = single(lines)
    body = work[0].write(var.parent / f"{var.name}.xml").read_bytes()
    async with embedded_app(var, databases=databases) as (runtime, client):
        await register_parties(runtime.container("gateway").context, work)
        await allocate(runtime.container("invoicing").db, work)
        posted = await client.post("/gateway/v1/messages", content=body,
                                   headers={"Authorization": f"Bearer {token_of(work[0].provider)}"})
        assert posted.status_code == 202, posted.text
        await settle(runtime)
        replayed, seconds, figures = 0, 0.0, []
        for name, spec in SERVICES.items():
            started = time.perf_counter()
            count = await spec.rebuild(runtime.container(name).db)
            elapsed = time.perf_counter() - started
            replayed, seconds = replayed + count, seconds + elapsed
            figures.append((f"{name}: {count:,} events", f"{elapsed:.2f} s, {count / elapsed:,.0f} events/s"))
        read = [await _reading(runtime.container(name).db) for name in SERVICES]
    rate = replayed / seconds
    measured = [Limit("reading the same events in pages of 1,000", sum(n for n, _ in read) / sum(s for _, s in read),
                      "events/s"),
                await limits.inserting(scratch, replayed, where, "events/s")]
    show(f"projection rebuild on {where}: {replayed:,} events of a {lines:,}-line JW323", rate,
         [*figures, ("all services", f"{seconds:.2f} s, {rate:,.0f} events/s")], measured,
         [Target(f"rebuild on {where}", f"≥ {TARGET:,} events/s", f"{rate:,.0f} events/s", rate >= TARGET)],
         unit="events/s")


async def _postgres(lines: int, folder: Path) -> None:
    try:
        cluster = PostgresCluster.start(durable=True)
    except ClusterUnavailable as error:
        Console().print(f"[yellow]PostgreSQL skipped: {error}")
        return
    try:
        databases = {name: await limits.fresh_database(cluster) for name in SERVICES}
        await measure("PostgreSQL", folder / "pg", lines, databases, await limits.fresh_database(cluster))
    finally:
        cluster.stop()


def run(lines: int, postgres: bool) -> int:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        asyncio.run(measure("SQLite", folder / "sqlite", lines, None, f"sqlite+aiosqlite:///{folder / 'limit.db'}"))
        if postgres:
            asyncio.run(_postgres(lines, folder))
    return 0
