"""Driving the embedded runtime in-process: all services on SQLite in a folder with the durable bus,
an HTTP client on the app without a socket, and `settle` to run relays and consumers until
nothing moves. Used by the tests, the benchmarks and the demo."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Collection, Mapping
from contextlib import asynccontextmanager
from pathlib import Path

import httpx

from services import migrate
from services.runtime import Runtime, create_app, embedded, embedded_settings
from shared.bus.drain import drain
from shared.clock import Clock


@asynccontextmanager
async def embedded_app(var: Path, clock: Clock | None = None, databases: Mapping[str, str] | None = None,
                       at_head: Collection[str] = ()) -> AsyncIterator[tuple[Runtime, httpx.AsyncClient]]:
    """`databases`: service → database URL, for the services not on SQLite in `var`; `at_head`:
    services whose database is known to be migrated already (Alembic is not asked again)."""
    for name, settings in embedded_settings(var, databases).items():
        if name not in at_head:
            await asyncio.to_thread(migrate.upgrade, name, settings.database_url)
    runtime = embedded(var, clock, databases)
    app = create_app(runtime)
    await runtime.open()  # consumers joined; the test settles the bus itself with `settle`
    try:
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://happyflow") as client:
            yield runtime, client
    finally:
        await runtime.stop()


async def settle(runtime: Runtime) -> None:
    """Run relays and consumers until nothing moves: the deterministic end of a step."""
    while True:
        published = sum([await c.relay.drain() for c in runtime.containers])
        consumed = await drain(runtime.workers)
        if not published and not consumed:
            return
