"""`happyflow bench intake`: one JW323 of N lines through the embedded system — gateway receipt,
routing, matching, events and projections, the JW325 in the mailbox, payments' booking — with the
raw limits of the same machine beside it (design.md §10): lxml decode+validate of the same bytes,
and a bulk insert of one event per line in one transaction.

The process's CPU time over the same span is printed too: the machine is shared, and on a busy
one the wall-clock figure says more about the neighbours than about the pipeline.
"""

from __future__ import annotations

import asyncio
import tempfile
import time
from pathlib import Path

from services.bench import limits
from services.bench.report import Target, show
from services.bench.workload import allocate, register_parties, single, token_of
from services.harness import embedded_app, settle

TARGET_RATE = 5_000  # lines/s, design.md §10
TARGET_SHARE = 0.5  # of the slower raw limit


async def _pipeline(lines: int) -> tuple[dict[str, float], list[limits.Limit]]:
    work = single(lines)
    with tempfile.TemporaryDirectory() as tmp:
        body = work[0].write(Path(tmp) / "jw323.xml").read_bytes()
        token = token_of(work[0].provider)
        async with embedded_app(Path(tmp) / "var") as (runtime, client):
            await register_parties(runtime.container("gateway").context, work)
            await allocate(runtime.container("invoicing").db, work)
            started, cpu = time.perf_counter(), time.process_time()
            posted = await client.post("/gateway/v1/messages", content=body,
                                       headers={"Authorization": f"Bearer {token}", "Content-Type": "application/xml"})
            receipt = time.perf_counter() - started
            await settle(runtime)
            total, cpu = time.perf_counter() - started, time.process_time() - cpu
            status = (await client.get(f"/gateway/v1/messages/{posted.json()['message_id']}",
                                       headers={"Authorization": f"Bearer {token}"})).json()
            assert status["status"] == "answered", status
        measured = [limits.decoding([body], lines),
                    await limits.inserting(f"sqlite+aiosqlite:///{Path(tmp) / 'insert.db'}", lines, "SQLite")]
    return {"receipt": receipt, "total": total, "cpu": cpu, "bytes": len(body)}, measured


def run(lines: int) -> int:
    figures, measured = asyncio.run(_pipeline(lines))
    rate = lines / figures["total"]
    share = rate / min(limit.per_second for limit in measured)
    show(f"JW323 of {lines:,} lines ({figures['bytes'] / 1e6:.1f} MB), embedded default", rate,
         [("POST → JW325 in the mailbox, every consumer settled", f"{figures['total']:.2f} s"),
          ("lines/s", f"{rate:,.0f}"), ("gateway receipt (202)", f"{figures['receipt']:.2f} s"),
          ("process CPU over the same span, all threads", f"{figures['cpu']:.2f} s")],
         measured,
         [Target("embedded intake", f"≥ {TARGET_RATE:,} lines/s", f"{rate:,.0f} lines/s", rate >= TARGET_RATE),
          Target("embedded intake", f"≥ {TARGET_SHARE:.0%} of the slower raw limit", f"{share:.0%}",
                 share >= TARGET_SHARE)])
    return 0
