"""`happyflow bench intake`: one JW323 of N lines through the embedded system — gateway receipt,
routing, matching, events and projections, the JW325 in the mailbox — with the raw limits of the
same machine beside it (design.md §10): lxml decode+validate of the same bytes, and a bulk
insert of one event per line in one transaction.
"""

from __future__ import annotations

import asyncio
import tempfile
import time
from datetime import UTC, date, datetime, time as clock_time
from pathlib import Path

from rich.console import Console
from rich.table import Table

from services.gateway.handlers.parties import PartySpec, register_party
from services.invoicing.domain.allocation import AllocationVersion, Extent, Frequency
from services.invoicing.domain.contract import Tariff
from services.invoicing.domain.declaration import Unit
from services.invoicing.adapters.sql.master_data import record_allocation_version, record_tariff
from shared.auth.principal import PartyKind
from shared.devtools.scratch_database import scratch_database
from shared.events.envelope import NewEvent
from shared.ijw import decode
from shared.ijw.bench import LINES_PER_CLIENT, valid_bsns, write_declaration
from services.harness import embedded_app, settle

PROVIDER, MUNICIPALITY, TOKEN = "42420001", "0384", "bench-provider-token"


async def _master_data(runtime, lines: int) -> None:  # type: ignore[no-untyped-def]
    gw = runtime.container("gateway").context
    await register_party(gw, PartySpec(PROVIDER, PartyKind.PROVIDER, "bench provider", (TOKEN,)))
    await register_party(gw, PartySpec(MUNICIPALITY, PartyKind.MUNICIPALITY, "bench gemeente"))
    version = AllocationVersion(date(2026, 1, 2), clock_time(9), "45", "45A03", date(2026, 1, 1), date(2026, 12, 31),
                                extent=Extent(8, Unit.HOUR, Frequency.PER_MONTH))
    bsns = valid_bsns()
    async with runtime.container("invoicing").db.unit_of_work() as uow:
        for n in range(1, lines + 1):
            bsn = next(bsns) if (n - 1) % LINES_PER_CLIENT == 0 else bsn
            await record_allocation_version(uow.connection, MUNICIPALITY, n, PROVIDER, bsn, version)
        await record_tariff(uow.connection, PROVIDER, "45", Tariff("45A03", Unit.HOUR, 1250, date(2026, 1, 1)))
        await uow.commit()


async def _pipeline(lines: int) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "jw323.xml"
        write_declaration(path, lines)
        body = path.read_bytes()
        async with embedded_app(Path(tmp) / "var") as (runtime, client):
            await _master_data(runtime, lines)
            started = time.perf_counter()
            posted = await client.post("/gateway/v1/messages", content=body,
                                       headers={"Authorization": f"Bearer {TOKEN}", "Content-Type": "application/xml"})
            receipt = time.perf_counter() - started
            await settle(runtime)
            total = time.perf_counter() - started
            status = (await client.get(f"/gateway/v1/messages/{posted.json()['message_id']}",
                                       headers={"Authorization": f"Bearer {TOKEN}"})).json()
            assert status["status"] == "answered", status
        decode_started = time.perf_counter()
        decode(body)
        decode_s = time.perf_counter() - decode_started
        insert_s = await _bulk_insert(Path(tmp) / "insert.db", lines)
    return {"receipt": receipt, "total": total, "decode": decode_s, "insert": insert_s, "bytes": len(body)}


async def _bulk_insert(path: Path, lines: int) -> float:
    db = await scratch_database(f"sqlite+aiosqlite:///{path}")
    events = [NewEvent("bench.LineApproved", 1, {"reference": f"R{n}", "amount": 5000, "codes": []},
                      datetime.now(UTC)) for n in range(lines)]
    started = time.perf_counter()
    await db.append("bench", 0, events)
    elapsed = time.perf_counter() - started
    await db.close()
    return elapsed


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
