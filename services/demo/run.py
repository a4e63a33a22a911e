"""`happyflow demo`: the whole system in one process on the embedded default, serving the API on
http://127.0.0.1:8000 while a generated month flows through the gateway over HTTP; then a summary,
where to look next, and serving until Ctrl-C. A second run finds its summary in ./var and serves."""

from __future__ import annotations

import asyncio
import json
import time
from pathlib import Path

import httpx
import uvicorn
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from services import migrate
from services.demo.feed import feed, tokens_of
from services.demo.options import GeneratorOptions
from services.demo.payment_run import payment_run
from services.demo.presentation import show
from services.demo.scenario import build_scenario
from services.demo.summary_report import DemoSummary, collect
from services.gateway.region.loader import load_region
from services.gateway.region.model import read_region
from services.harness import settle
from services.runtime import create_app, embedded, embedded_settings

SUMMARY_FILE = "demo-summary.json"


async def run_demo(var: Path, region_file: Path, options: GeneratorOptions, host: str, port: int) -> None:
    console = Console()
    for name, settings in embedded_settings(var).items():
        await asyncio.to_thread(migrate.upgrade, name, settings.database_url)
    runtime = embedded(var)
    server = uvicorn.Server(uvicorn.Config(create_app(runtime, manage_runtime=False), host=host, port=port,
                                           log_level="warning"))
    serving = asyncio.create_task(server.serve())
    await runtime.open()
    try:
        while not server.started:
            if serving.done():
                return await serving  # the port is taken, say: uvicorn has said why
            await asyncio.sleep(0.05)
        base = f"http://{host}:{port}"
        summary = await _summary_or_feed(var, region_file, options, runtime, base, console)
        show(console, summary, base, read_region(region_file).staff)
        await runtime.start()
        await serving
    finally:
        await runtime.stop()


async def _summary_or_feed(var: Path, region_file: Path, options: GeneratorOptions, runtime, base: str,  # type: ignore[no-untyped-def]
                           console: Console) -> DemoSummary:
    stored = var / SUMMARY_FILE
    if stored.exists():
        console.print(f"[dim]The demo month is already in {var}; serving it (delete {var} to start over).")
        return DemoSummary(**json.loads(stored.read_text()))
    async with httpx.AsyncClient(base_url=base, timeout=120) as client:
        return await make_month(var, region_file, options, runtime, client, console)


async def make_month(var: Path, region_file: Path, options: GeneratorOptions, runtime, client: httpx.AsyncClient,  # type: ignore[no-untyped-def]
                     console: Console) -> DemoSummary:
    """Load the region, send a generated month through the gateway with `client` (over HTTP, or
    in process), make a payment run, and keep the summary in `var` (which marks the month made)."""
    started = time.perf_counter()
    region = read_region(region_file)
    await load_region(runtime.container("gateway").context, region)
    await settle(runtime)
    with _progress(console) as progress:
        task = progress.add_task("generating a month of traffic", total=None)
        scenario = await asyncio.to_thread(build_scenario, region, options)
        progress.update(task, description="sending it through the gateway", total=len(scenario.messages), completed=0)
        report = await feed(client, scenario.messages, tokens_of(region), lambda: settle(runtime),
                            lambda n: progress.advance(task, n))
        progress.update(task, description="finance staff make a payment run")
        run = await payment_run(client, region, runtime.container("payments").clock.today())
        await settle(runtime)
    summary = await collect(runtime, DemoSummary(messages=dict(report.posted), refused=len(report.refused),
                                                 payment_run=run))
    summary.seconds = round(time.perf_counter() - started, 1)
    (var / SUMMARY_FILE).write_text(json.dumps(summary.as_json(), indent=2))
    return summary


def _progress(console: Console) -> Progress:
    return Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                    console=console, transient=False)
