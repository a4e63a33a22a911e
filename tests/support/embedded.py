"""The embedded runtime for tests, as services.harness.embedded_app runs it for the demo and the
benches, but on databases migrated once per test process.

A test's new folder starts from copies of the four services' databases migrated once per test
process: `happyflow`'s own start migrates them, which takes seconds per test on this machine,
while tests/integration/test_migrations.py proves the migrations themselves. Alembic's check that
a copy is at head (four script directories read, four connections) is left out as well; a service
on another database (`databases`, or the environment's URL) is still migrated.
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
    """services.harness.embedded_app, on migrated copies where `var` has no database yet. A
    database already in `var` is taken to be at head: the suite's are copies of ones made here."""
    await copy_migrated(var)
    copied = {name for name, settings in embedded_settings(var, databases).items()
              if settings.database_url == _copied(var, name)}
    async with harness_app(var, clock, databases, at_head=copied) as (runtime, client):
        yield runtime, client


def _copied(var: Path, name: str) -> str:
    return f"sqlite+aiosqlite:///{var / (name + '.db')}"


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
