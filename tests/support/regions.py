"""The embedded system with a region file loaded and settled, for tests.

Loading and settling the demo region is most of an integration test's setup (about 2 s of every
fixture on this machine). The loaded databases are made once per test process for each region
file's content and copied into each test's folder, which gives the same rows a fresh load gives;
a generated month fed through a region is kept the same way (`month_app`). With one service on PostgreSQL its loaded database is a template each test's database is copied
from (CREATE DATABASE … TEMPLATE, a file copy in the server).
"""

from __future__ import annotations

import atexit
import hashlib
import shutil
import tempfile
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import httpx

from services.demo.feed import feed, tokens_of
from services.demo.options import GeneratorOptions
from services.demo.scenario import build_scenario
from services.gateway.region.loader import load_region
from services.gateway.region.model import read_region
from services.runtime import Runtime
from shared.clock import Clock
from shared.devtools.postgres_cluster import PostgresCluster
from tests.support.embedded import embedded_app, settle
from tests.support.postgres import create_database
from tests.support.prepared import copy_prepared

_LOADED_ON_POSTGRES: dict[tuple[str, str, int], tuple[Path, str]] = {}


@asynccontextmanager
async def region_app(var: Path, region_file: Path,
                     clock: Clock | None = None) -> AsyncIterator[tuple[Runtime, httpx.AsyncClient]]:
    """`embedded_app` on `var` with `region_file` loaded and every service settled; `clock` runs
    the services from then on."""
    await copy_loaded_region(var, region_file)
    async with embedded_app(var, clock) as (runtime, client):
        yield runtime, client


async def copy_loaded_region(var: Path, region_file: Path) -> None:
    """The databases of every service with `region_file` loaded, copied into `var`."""
    async def loaded(folder: Path) -> None:
        async with embedded_app(folder) as (runtime, _):
            await load_region(runtime.container("gateway").context, read_region(region_file))
            await settle(runtime)

    await copy_prepared(var, ("loaded", _digest(region_file)), loaded)


@asynccontextmanager
async def month_app(var: Path, region_file: Path,
                    options: GeneratorOptions) -> AsyncIterator[tuple[Runtime, httpx.AsyncClient]]:
    """`region_app` after the generated month of `options` went through it, every message
    accepted and settled. The month is fed once per test process and its databases copied into
    `var`, so each test still has a month of its own to change."""
    async def fed(folder: Path) -> None:
        region = read_region(region_file)
        async with region_app(folder, region_file) as (runtime, client):
            report = await feed(client, build_scenario(region, options).messages, tokens_of(region),
                                lambda: settle(runtime), lambda n: None)
            assert report.refused == [], report.refused

    await copy_prepared(var, ("month", _digest(region_file), repr(options)), fed)
    async with embedded_app(var) as (runtime, client):
        yield runtime, client


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@asynccontextmanager
async def region_app_on_postgres(var: Path, region_file: Path, cluster: PostgresCluster, service: str,
                                 clock: Clock | None = None) -> AsyncIterator[tuple[Runtime, httpx.AsyncClient]]:
    """`region_app` with `service` on a fresh PostgreSQL database of `cluster`, the others on SQLite."""
    folder, template = await _loaded_on_postgres(region_file, cluster, service)
    var.mkdir(parents=True, exist_ok=True)
    for database in folder.iterdir():
        shutil.copy2(database, var / database.name)
    name = f"t_{uuid.uuid4().hex[:12]}"
    await create_database(cluster, name, template)
    async with embedded_app(var, clock, databases={service: cluster.url(name)}) as (runtime, client):
        yield runtime, client


async def _loaded_on_postgres(region_file: Path, cluster: PostgresCluster, service: str) -> tuple[Path, str]:
    key = (_digest(region_file), service, cluster.port)
    if key not in _LOADED_ON_POSTGRES:
        folder, template = Path(tempfile.mkdtemp(prefix="happyflow-region-")), f"loaded_{uuid.uuid4().hex[:12]}"
        atexit.register(shutil.rmtree, folder, True)
        await create_database(cluster, template)
        async with embedded_app(folder, databases={service: cluster.url(template)}) as (runtime, _):
            await load_region(runtime.container("gateway").context, read_region(region_file))
            await settle(runtime)
        _LOADED_ON_POSTGRES[key] = folder, template  # closed: no one is connected to the template
    return _LOADED_ON_POSTGRES[key]
