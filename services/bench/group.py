"""`happyflow bench invoicing-group`: two invoicing processes in one Kafka consumer group on the
distributed deployment, and every JW325 compared with a one-process run of the same input (the
embedded default: one invoicing, in this process). A third of the declarations are followed by a
repeat of half their lines, so an answer depends on the order each gemeente's declarations are
matched in: the gateway keys routed messages by municipality to keep it."""

from __future__ import annotations

import asyncio
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import httpx

from services.bench import limits
from services.bench.answers import differences, verdicts
from services.bench.deployed import Deployed, Sent, answers, last_answer, prepare, send
from services.bench.limits import Limit
from services.bench.report import Target, show
from services.bench.workload import (Declaration, allocate, municipality_codes, plan, provider_codes,
                                     register_parties, token_of, with_repeats)
from services.harness import embedded_app, settle
from shared.ijw import decode


def workload(lines: int, municipalities: int, providers: int, start: int = 1,
             prefix: str = "G") -> tuple[list[Declaration], list[Declaration]]:
    """The declarations, and their repeats sent once every first one was accepted."""
    first = plan(lines, municipality_codes(municipalities), provider_codes(providers), first=start, prefix=prefix)
    every = with_repeats(first)
    return first, every[len(first):]


async def one_process(first: list[Declaration], repeats: list[Declaration], folder: Path) -> dict[str, dict[str, Any]]:
    """The JW325s of the embedded default, by declaration identification."""
    work = [*first, *repeats]
    found: dict[str, dict[str, Any]] = {}
    async with embedded_app(folder / "var") as (runtime, client):
        await register_parties(runtime.container("gateway").context, work)
        await allocate(runtime.container("invoicing").db, work)
        ids = {}
        for batch in (first, repeats):
            for d in batch:
                posted = await client.post("/gateway/v1/messages", content=d.write(folder / f"{d.ident}.xml").read_bytes(),
                                           headers={"Authorization": f"Bearer {token_of(d.provider)}"})
                assert posted.status_code == 202, posted.text
                ids[posted.json()["message_id"]] = d.ident
        await settle(runtime)
        for provider in sorted({d.provider for d in work}):
            headers = {"Authorization": f"Bearer {token_of(provider)}"}
            for item in (await client.get("/gateway/v1/mailbox", headers=headers)).json():
                if item["message_code"] == "JW325":
                    xml = (await client.get(f"/gateway/v1/mailbox/{item['message_id']}", headers=headers)).content
                    found[ids[item["in_reply_to"]]] = verdicts(decode(xml))
    return found


async def two_processes(deployed: Deployed, first: list[Declaration], repeats: list[Declaration],
                        folder: Path) -> tuple[dict[str, dict[str, Any]], float, list[tuple[str, str]]]:
    """The JW325s of the distributed deployment, and the seconds from the first POST to the last."""
    work = [*first, *repeats]
    await prepare(deployed, work)
    sent = await send(deployed, first, folder)
    more = await send(deployed, repeats, folder)
    both = Sent(sent.started, sent.receipts + more.receipts, {**sent.ids, **more.ids})
    last = await last_answer(deployed, both, within=600)
    seen = await answers(deployed, work, both)
    return seen, (last - sent.started).total_seconds(), await _held(deployed)


async def _held(deployed: Deployed) -> list[tuple[str, str]]:
    """Per invoicing process, the gateway records in the partitions its intake consumer holds:
    both above 0 shows the group split the work."""
    held = []
    async with httpx.AsyncClient(timeout=30) as client:
        for name in ("invoicing", *deployed.invoicing):
            report = (await client.get(f"{deployed.local.url(name)}/ready")).json()
            held.append((f"records in {name}'s intake partitions", str(report["consumers"]["invoicing.intake"]["end"])))
    return held


def compare(expected: dict[str, dict[str, Any]], seen: dict[str, dict[str, Any]], lines: int, seconds: float,
            held: Sequence[tuple[str, str]] = (), measured: Sequence[Limit] = ()) -> int:
    """Print the comparison; 0 when every JW325 is identical, 1 otherwise."""
    found = differences(expected, seen)
    repeated = sum(1 for answer in expected.values() for line in answer["lines"] if "9389" in line[3])
    rate = lines / seconds
    show(f"{len(held) or 2} invoicing processes in one consumer group: {len(seen)} JW325s, {lines:,} lines "
         f"({repeated:,} refused as repeated, 9389)", rate,
         [("first POST → last JW325", f"{seconds:.1f} s"), ("lines/s", f"{rate:,.0f}"),
          ("JW325s compared with one process", f"{len(expected)}"),
          ("identical", f"{len(expected) - len(found)}"), ("different or missing", f"{len(found)}"), *held],
         measured,
         [Target("JW325s of the group", "identical to one process", "identical" if not found else
                 f"{len(found)} differ", not found)])
    for difference in found[:20]:
        print(f"  {difference}")
    return 1 if found else 0


def run(lines: int, municipalities: int, providers: int) -> int:
    first, repeats = workload(lines, municipalities, providers)
    total = sum(d.lines for d in (*first, *repeats))
    with tempfile.TemporaryDirectory() as tmp:
        started = time.perf_counter()
        expected = asyncio.run(one_process(first, repeats, Path(tmp) / "one"))
        print(f"one process (embedded): {len(expected)} JW325s in {time.perf_counter() - started:.1f} s")
        (Path(tmp) / "two").mkdir()
        with Deployed(invoicing=2) as deployed:
            seen, seconds, held = asyncio.run(two_processes(deployed, first, repeats, Path(tmp) / "two"))
            assert deployed.local.broker is not None
            measured = asyncio.run(limits.kafka(deployed.local.broker.bootstrap, min(total, 50_000)))
    return compare(expected, seen, total, seconds, held, measured)
