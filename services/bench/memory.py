"""`happyflow bench memory`: peak resident memory above idle for one JW323 of N lines (100,000 by
default, about 60 MB) through the whole embedded chain — receipt, routing, matching, the JW325 in
the mailbox — in a fresh child process, beside the codec's own peak for the same file (the raw
limit: decoding it streamed, as shared/ijw/bench.py measures it).

The client sends the file a piece at a time, so only the services' copies count. The child sets
the gateway's and invoicing's size limit above the file: OP179 allows 25 MB, and
a 100,000-line declaration is more. Idle is the child's resident set with the runtime open and
the master data in place; the kernel's high-water mark is reset there (/proc/self/clear_refs).

The chain is settled step by step (a relay's drain, one poll of a consumer group), the high-water
mark reset before each step and read after it: the peak is the largest of them, and the step it
was reached in is named. What a step
raised the resident set by (its high-water mark above the resident set it started from) says
which parts of the chain take the memory; what they free stays resident for the next step.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import json
import os
import subprocess
import sys
import tempfile
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

from services.bench.limits import Limit
from services.bench.report import Target, show

TARGET_MB = 256
STEPS_SHOWN = 3


def _status(field: str) -> float:
    for row in Path("/proc/self/status").read_text().splitlines():
        if row.startswith(field + ":"):
            return int(row.split()[1]) / 1024
    raise RuntimeError(f"{field} is not in /proc/self/status")


def _restart_peak() -> None:
    Path("/proc/self/clear_refs").write_text("5")


async def _chain(lines: int, folder: Path) -> dict[str, Any]:
    from services.bench.workload import allocate, register_parties, single, token_of
    from services.harness import embedded_app

    work = single(lines)
    path = work[0].write(folder / "jw323.xml")
    token = token_of(work[0].provider)
    async with embedded_app(folder / "var") as (runtime, client):
        await register_parties(runtime.container("gateway").context, work)
        await allocate(runtime.container("invoicing").db, work)
        gc.collect()
        _restart_peak()
        idle = _status("VmRSS")
        posted = await client.post("/gateway/v1/messages", content=_sent(path),
                                   headers={"Authorization": f"Bearer {token}", "Content-Type": "application/xml"})
        assert posted.status_code == 202, posted.text[:500]
        receipt = "gateway receipt (POST)"
        steps, highest = {receipt: _status("VmHWM") - idle}, {receipt: _status("VmHWM")}
        await _settle_by_step(runtime, steps, highest)
        peak_step, peak = max(highest.items(), key=lambda step: step[1])
        status = (await client.get(f"/gateway/v1/messages/{posted.json()['message_id']}",
                                   headers={"Authorization": f"Bearer {token}"})).json()
        assert status["status"] == "answered", status
        return {"idle_mb": idle, "peak_mb": peak, "peak_step": peak_step, "bytes": path.stat().st_size,
                "steps": steps}


async def _settle_by_step(runtime: Any, steps: dict[str, float], highest: dict[str, float]) -> None:
    """`services.harness.settle`, keeping in `steps` what each step raised the resident set by
    and in `highest` its high-water mark (each the largest over all its rounds)."""
    async def step(name: str, run: Any) -> int:
        _restart_peak()
        before = _status("VmRSS")
        moved: int = await run()
        after = _status("VmHWM")
        highest[name] = max(highest.get(name, 0.0), after)
        steps[name] = max(steps.get(name, 0.0), after - before)
        return moved

    while True:
        moved = 0
        for container in runtime.containers:
            moved += await step(f"{container.name} relay", container.relay.drain)
        for member in runtime.members:
            if member.worker is not None:
                moved += await step(f"consumer {member.group}", member.worker.run_once)
        if not moved:
            return


async def _sent(path: Path) -> AsyncIterator[bytes]:
    """The file as a client sends it, a piece at a time: the client is not what is measured (in a
    deployment it is another process), so it holds no copy of its own in this one."""
    with path.open("rb") as file:
        while chunk := file.read(1024 * 1024):
            yield chunk


def _child(lines: int) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "HAPPYFLOW_GATEWAY_MAX_MESSAGE_BYTES": str(2**31 - 1),
               "HAPPYFLOW_INVOICING_MAX_MESSAGE_BYTES": str(2**31 - 1), "HAPPYFLOW_LOG_LEVEL": "WARNING"}
        chain = subprocess.run([sys.executable, "-m", "services.bench.memory", "--chain", str(lines), tmp],
                               capture_output=True, text=True, env=env)
        if chain.returncode != 0:
            raise RuntimeError(chain.stderr[-3000:])
        figures = json.loads(chain.stdout.strip().splitlines()[-1])
        from shared.ijw.bench import write_declaration

        path = Path(tmp) / "codec.xml"
        write_declaration(path, lines)
        codec = subprocess.run([sys.executable, "-m", "shared.ijw.bench", "--measure", str(path)],
                               capture_output=True, text=True, check=True)
        alone = json.loads(codec.stdout.strip().splitlines()[-1])
    return {**figures, "codec_mb": alone["peak_mb"] - alone["idle_mb"]}


def run(lines: int) -> int:
    figures = _child(lines)
    above = figures["peak_mb"] - figures["idle_mb"]
    highest = sorted(figures["steps"].items(), key=lambda step: -step[1])[:STEPS_SHOWN]
    show(f"peak memory, one JW323 of {lines:,} lines ({figures['bytes'] / 1e6:.0f} MB) through the embedded chain",
         above, [("idle (runtime open, master data in place)", f"{figures['idle_mb']:,.0f} MB"),
                 ("peak", f"{figures['peak_mb']:,.0f} MB"), ("peak above idle", f"{above:,.0f} MB"),
                 ("  reached in", figures["peak_step"]),
                 *((f"  raised by {name}", f"{mb:,.0f} MB") for name, mb in highest)],
         [Limit("the codec alone, peak above idle for the same lines", figures["codec_mb"], "MB")],
         [Target("memory", f"≤ {TARGET_MB} MB above idle", f"{above:,.0f} MB", above <= TARGET_MB)], unit="MB")
    return 0


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--chain", nargs=2, metavar=("LINES", "FOLDER"), required=True)
    args = parser.parse_args()
    print(json.dumps(asyncio.run(_chain(int(args.chain[0]), Path(args.chain[1])))))
