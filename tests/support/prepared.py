"""Folders of databases made once per test process and copied into each test's own folder.

Migrating four services, loading a region or feeding a month costs seconds; copying the closed
SQLite files it leaves costs milliseconds and gives a test the same rows a fresh run gives.
"""

from __future__ import annotations

import atexit
import shutil
import tempfile
from collections.abc import Awaitable, Callable, Hashable
from pathlib import Path

_PREPARED: dict[Hashable, Path] = {}


async def prepared(key: Hashable, make: Callable[[Path], Awaitable[None]]) -> Path:
    """The folder `make` filled (the closed databases of a system it ran and stopped); `make`
    runs once per test process for each `key`."""
    if key not in _PREPARED:
        folder = Path(tempfile.mkdtemp(prefix="happyflow-prepared-"))
        atexit.register(shutil.rmtree, folder, True)
        await make(folder)
        _PREPARED[key] = folder  # closed: every database is whole in its file
    return _PREPARED[key]


async def copy_prepared(var: Path, key: Hashable, make: Callable[[Path], Awaitable[None]]) -> None:
    """`prepared(key, make)`'s files copied into `var`."""
    folder = await prepared(key, make)
    var.mkdir(parents=True, exist_ok=True)
    for database in folder.iterdir():
        shutil.copy2(database, var / database.name)
