"""`happyflow bench intake`: one JW323 of N lines through the embedded system — gateway receipt,
routing, matching, events and projections, the JW325 in the mailbox — with the raw limits of the
same machine beside it (design.md §10): lxml decode+validate of the same bytes, and a bulk
insert of one event per line in one transaction.
"""

from __future__ import annotations

import asyncio
import tempfile
import time
from pathlib import Path

from rich.console import Console
from rich.table import Table

from services.bench import limits
from services.bench.workload import allocate, register_parties, single, token_of
from services.harness import embedded_app, settle


async def _pipeline(lines: int) -> dict[str, float]:
    work = single(lines)
    with tempfile.TemporaryDirectory() as tmp:
        body = work[0].write(Path(tmp) / "jw323.xml").read_bytes()
        token = token_of(work[0].provider)
        async with embedded_app(Path(tmp) / "var") as (runtime, client):
            await register_parties(runtime.container("gateway").context, work)
            await allocate(runtime.container("invoicing").db, work)
            started = time.perf_counter()
            posted = await client.post("/gateway/v1/messages", content=body,
                                       headers={"Authorization": f"Bearer {token}", "Content-Type": "application/xml"})
            receipt = time.perf_counter() - started
            await settle(runtime)
            total = time.perf_counter() - started
            status = (await client.get(f"/gateway/v1/messages/{posted.json()['message_id']}",
                                       headers={"Authorization": f"Bearer {token}"})).json()
            assert status["status"] == "answered", status
        decode_s = lines / limits.decoding([body], lines).per_second
        insert = await limits.inserting(f"sqlite+aiosqlite:///{Path(tmp) / 'insert.db'}", lines, "SQLite")
    return {"receipt": receipt, "total": total, "decode": decode_s, "insert": lines / insert.per_second,
            "bytes": len(body)}


def run(lines: int) -> int:
    figures = asyncio.run(_pipeline(lines))
    table = Table(title=f"JW323 of {lines:,} lines ({figures['bytes'] / 1e6:.1f} MB), embedded default")
    for column in ("what", "seconds", "lines/s", "share of the pipeline"):
        table.add_column(column, justify="right" if column != "what" else "left")
    rows = [("intake → JW325 in the mailbox", figures["total"]), ("gateway receipt (202)", figures["receipt"]),
            ("limit: lxml decode + XSD of the same bytes", figures["decode"]),
            ("limit: one event per line, one transaction (SQLite)", figures["insert"])]
    for what, seconds in rows:
        table.add_row(what, f"{seconds:.2f}", f"{lines / seconds:,.0f}", f"{seconds / figures['total']:.0%}")
    Console().print(table)
    return 0
