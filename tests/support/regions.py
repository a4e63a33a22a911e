"""The embedded system with a region file loaded and settled, for tests.

Loading and settling the demo region is most of an integration test's setup (about 2 s of every
fixture on this machine). The loaded databases are made once per test process for each region
file's content and copied into each test's folder, which gives the same rows a fresh load gives.
"""

from __future__ import annotations

import atexit
import hashlib
import shutil
import tempfile
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import httpx

from services.gateway.region.loader import load_region
from services.gateway.region.model import read_region
from services.harness import embedded_app, settle
from services.runtime import Runtime
from shared.clock import Clock

_LOADED: dict[str, Path] = {}


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
    loaded = await _loaded(region_file)
    var.mkdir(parents=True, exist_ok=True)
    for database in loaded.iterdir():
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
