"""`happyflow bench distributed`: one JW323 of N lines through the distributed deployment
(PostgreSQL + Kafka, a process per service, as deploy/local starts them) from its POST to its
JW325 in the provider's mailbox, beside the raw limits of the same cluster and broker."""

from __future__ import annotations

import asyncio
import tempfile
from pathlib import Path

from services.bench import limits
from services.bench.deployed import Deployed, last_answer, prepare, send, warm_up
from services.bench.report import Target, show
from services.bench.workload import Declaration, single

TARGET = 2_000  # lines/s, design.md §10


async def measure(deployed: Deployed, work: list[Declaration], folder: Path) -> int:
    """`work`: one declaration."""
    lines = work[0].lines
    warming = await warm_up(deployed, folder)
    await prepare(deployed, work)
    before = deployed.cpu_seconds()
    sent = await send(deployed, work, folder)
    done = await last_answer(deployed, sent, within=max(600.0, lines / 10))
    after = deployed.cpu_seconds()
    cpu = [(f"CPU of the {name} process over the same span", f"{after[name] - before[name]:.2f} s")
           for name in after if name in before]
    total = (done - sent.started).total_seconds()
    body = (folder / f"{work[0].ident}.xml").read_bytes()
    assert deployed.local.cluster is not None and deployed.local.broker is not None
    measured = [limits.decoding([body], lines),
                await limits.inserting(await limits.fresh_database(deployed.local.cluster), lines, "PostgreSQL, fsync on"),
                *await limits.kafka(deployed.local.broker.bootstrap, lines)]
    rate = lines / total
    show(f"JW323 of {lines:,} lines ({len(body) / 1e6:.1f} MB), distributed: PostgreSQL + Kafka, a process per service",
         rate, [("POST → JW325 in the mailbox", f"{total:.2f} s"), ("lines/s", f"{rate:,.0f}"),
                ("gateway receipt (202)", f"{sent.receipts:.2f} s"), *cpu,
                ("before the clock: a one-line JW323 answered (its consumers joined)", f"{warming:.1f} s")],
         measured, [Target("distributed intake", f"≥ {TARGET:,} lines/s", f"{rate:,.0f} lines/s", rate >= TARGET)])
    return 0


def run(lines: int) -> int:
    with tempfile.TemporaryDirectory() as tmp, Deployed() as deployed:
        return asyncio.run(measure(deployed, single(lines), Path(tmp)))
