"""The embedded system with a region file loaded and settled, for tests.

Loading and settling the demo region is most of an integration test's setup (about 2 s of every
fixture on this machine). The loaded databases are made once per test process for each region
file's content and copied into each test's folder, which gives the same rows a fresh load gives.
With one service on PostgreSQL its loaded database is a template each test's database is copied
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
from services.harness import embedded_app, settle
from services.runtime import Runtime
from shared.clock import Clock
from shared.devtools.postgres_cluster import PostgresCluster
from tests.support.postgres import create_database

_LOADED: dict[str, Path] = {}
_LOADED_ON_POSTGRES: dict[tuple[str, str, int], tuple[Path, str]] = {}
_FED: dict[tuple[str, str], Path] = {}


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
    _copy(await _loaded(region_file), var)


@asynccontextmanager
async def month_app(var: Path, region_file: Path,
                    options: GeneratorOptions) -> AsyncIterator[tuple[Runtime, httpx.AsyncClient]]:
    """`region_app` after the generated month of `options` went through it, every message
    accepted and settled. The month is fed once per test process and its databases copied into
    `var`, so each test still has a month of its own to change."""
    loaded = await _fed(region_file, options)
    _copy(loaded, var)
    async with embedded_app(var) as (runtime, client):
        yield runtime, client


async def _fed(region_file: Path, options: GeneratorOptions) -> Path:
    key = (hashlib.sha256(region_file.read_bytes()).hexdigest(), repr(options))
    if key not in _FED:
        folder = Path(tempfile.mkdtemp(prefix="happyflow-month-"))
        atexit.register(shutil.rmtree, folder, True)
        region = read_region(region_file)
        async with region_app(folder, region_file) as (runtime, client):
            report = await feed(client, build_scenario(region, options).messages, tokens_of(region),
                                lambda: settle(runtime), lambda n: None)
            assert report.refused == [], report.refused
        _FED[key] = folder  # closed: every database is whole in its file
    return _FED[key]


def _copy(folder: Path, var: Path) -> None:
    var.mkdir(parents=True, exist_ok=True)
    for database in folder.iterdir():
        shutil.copy2(database, var / database.name)


async def _loaded(region_file: Path) -> Path:
    key = hashlib.sha256(region_file.read_bytes()).hexdigest()
    if key not in _LOADED:
        folder = Path(tempfile.mkdtemp(prefix="happyflow-region-"))
        atexit.register(shutil.rmtree, folder, True)
        async with embedded_app(folder) as (runtime, _):
            await load_region(runtime.container("gateway").context, read_region(region_file))
            await settle(runtime)
        _LOADED[key] = folder  # closed: every database is whole in its file
    return _LOADED[key]


@asynccontextmanager
async def region_app_on_postgres(var: Path, region_file: Path, cluster: PostgresCluster, service: str,
                                 clock: Clock | None = None) -> AsyncIterator[tuple[Runtime, httpx.AsyncClient]]:
    """`region_app` with `service` on a fresh PostgreSQL database of `cluster`, the others on SQLite."""
    folder, template = await _loaded_on_postgres(region_file, cluster, service)
    _copy(folder, var)
    name = f"t_{uuid.uuid4().hex[:12]}"
    await create_database(cluster, name, template)
    async with embedded_app(var, clock, databases={service: cluster.url(name)}) as (runtime, client):
        yield runtime, client


async def _loaded_on_postgres(region_file: Path, cluster: PostgresCluster, service: str) -> tuple[Path, str]:
    key = (hashlib.sha256(region_file.read_bytes()).hexdigest(), service, cluster.port)
    if key not in _LOADED_ON_POSTGRES:
        folder, template = Path(tempfile.mkdtemp(prefix="happyflow-region-")), f"loaded_{uuid.uuid4().hex[:12]}"
        atexit.register(shutil.rmtree, folder, True)
        await create_database(cluster, template)
        async with embedded_app(folder, databases={service: cluster.url(template)}) as (runtime, _):
            await load_region(runtime.container("gateway").context, read_region(region_file))
            await settle(runtime)
        _LOADED_ON_POSTGRES[key] = folder, template  # closed: no one is connected to the template
    return _LOADED_ON_POSTGRES[key]
