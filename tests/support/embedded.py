"""The embedded runtime for tests (the harness lives with the runtime, for the demo and benches).

A test's new folder starts from copies of the four services' databases migrated once per test
process: `happyflow`'s own start migrates them, which takes seconds per test on this machine,
while tests/integration/test_migrations.py proves the migrations themselves.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Mapping
from contextlib import asynccontextmanager
from pathlib import Path

import httpx

from services import migrate
from services.catalog import SERVICES
from services.harness import embedded_app as harness_app
from services.harness import settle
from services.runtime import Runtime, embedded_settings
from shared.clock import Clock
from tests.support.prepared import prepared

__all__ = ["embedded_app", "settle", "copy_migrated"]


@asynccontextmanager
async def embedded_app(var: Path, clock: Clock | None = None, databases: Mapping[str, str] | None = None
                       ) -> AsyncIterator[tuple[Runtime, httpx.AsyncClient]]:
    """services.harness.embedded_app, on migrated copies where `var` has no database yet."""
    await copy_migrated(var)
    async with harness_app(var, clock, databases) as (runtime, client):
        yield runtime, client


async def copy_migrated(var: Path) -> None:
    """Each service's database, empty and migrated to head, copied into `var` unless it is there."""
    folder = await prepared("migrated", _migrate)
    var.mkdir(parents=True, exist_ok=True)
    for name in SERVICES:
        if not (var / f"{name}.db").exists():
            (var / f"{name}.db").write_bytes((folder / f"{name}.db").read_bytes())


async def _migrate(folder: Path) -> None:
    for name, settings in embedded_settings(folder).items():
        await asyncio.to_thread(migrate.upgrade, name, settings.database_url)
