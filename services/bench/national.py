"""`happyflow bench national`: a national month — by default 500,000 lines from 2,000 providers to
340 municipalities, about 100 lines a JW323 — sent through the distributed deployment, from the
first POST to the last JW325, beside the raw limits of the same cluster and broker."""

from __future__ import annotations

import asyncio
import sys
import tempfile
import time
from pathlib import Path

from services.bench import limits
from services.bench.deployed import Deployed, last_answer, prepare, send
from services.bench.report import Target, show
from services.bench.workload import Declaration, municipality_codes, plan, provider_codes

TARGET = 300.0  # seconds for the month, design.md §10
MONTH = 500_000  # lines in the month the target is about
SAMPLE = 50_000  # lines the limits are measured on: enough for a steady rate


def _say(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


async def measure(deployed: Deployed, work: list[Declaration], folder: Path) -> int:
    lines = sum(d.lines for d in work)
    municipalities, providers = len({d.municipality for d in work}), len({d.provider for d in work})
    _say(f"{len(work):,} JW323s of {lines:,} lines: registering parties and allocations")
    started = time.perf_counter()
    await prepare(deployed, work)
    _say(f"prepared in {time.perf_counter() - started:.0f} s; sending")
    sent = await send(deployed, work, folder)
    _say(f"all {len(work):,} accepted in {sent.receipts:.0f} s; waiting for the JW325s")
    last = await last_answer(deployed, sent, within=max(1800.0, lines / 20),
                             progress=_progress(len(work)))
    total = (last - sent.started).total_seconds()
    sample = work[: max(1, len(work) * min(lines, SAMPLE) // lines)]
    bodies = [(folder / f"{d.ident}.xml").read_bytes() for d in sample]
    assert deployed.local.cluster is not None and deployed.local.broker is not None
    measured = [limits.decoding(bodies, sum(d.lines for d in sample)),
                await limits.inserting(await limits.fresh_database(deployed.local.cluster), min(lines, SAMPLE),
                                       "PostgreSQL, fsync on"),
                *await limits.kafka(deployed.local.broker.bootstrap, min(lines, SAMPLE))]
    rate = lines / total
    show(f"national month: {lines:,} lines, {len(work):,} JW323s, {municipalities} municipalities, "
         f"{providers:,} providers (distributed)", rate,
         [("first POST → last JW325", f"{total:,.1f} s"), ("lines/s", f"{rate:,.0f}"),
          ("all JW323s accepted (202)", f"{sent.receipts:,.1f} s")], measured,
         [_target(lines, total)])
    return 0


def _target(lines: int, total: float) -> Target:
    """Only a month of about full size is judged: the time does not scale linearly with the lines
    (a broker's and a cluster's fixed costs weigh more in a small run), so a smaller run says
    what a month would take at its rate and leaves the verdict open."""
    if lines >= MONTH * 0.95:
        return Target("national month", f"< {TARGET:.0f} s", f"{total:,.0f} s", total < TARGET)
    return Target("national month", f"< {TARGET:.0f} s for {MONTH:,} lines",
                  f"{total:,.0f} s for {lines:,} lines (a month at this rate: {total * MONTH / lines:,.0f} s)", None)


def _progress(count: int):  # type: ignore[no-untyped-def]
    shown = {"at": 0.0}

    def report(done: int) -> None:
        if time.monotonic() - shown["at"] >= 15:
            shown["at"] = time.monotonic()
            _say(f"{done:,} of {count:,} JW325s")

    return report


def run(lines: int, municipalities: int, providers: int) -> int:
    with tempfile.TemporaryDirectory() as tmp, Deployed() as deployed:
        work = plan(lines, municipality_codes(municipalities), provider_codes(providers))
        return asyncio.run(measure(deployed, work, Path(tmp)))
