"""Folders of databases made once per test run and copied into each test's own folder.

Migrating four services, loading a region or feeding a month costs seconds; copying the closed
SQLite files it leaves costs milliseconds and gives a test the same rows a fresh run gives. The
folders are the run's (run_folder.py): made by the first worker that needs one, used by all.
"""

from __future__ import annotations

import shutil
from collections.abc import Awaitable, Callable, Hashable
from pathlib import Path

from tests.support.run_folder import built_once, name_of

_PREPARED: dict[Hashable, Path] = {}


async def prepared(key: Hashable, make: Callable[[Path], Awaitable[None]]) -> Path:
    """The folder `make` filled (the closed databases of a system it ran and stopped); `make`
    runs once per test run for each `key` (keys are told apart by their repr)."""
    if key not in _PREPARED:
        with built_once(f"prepared-{name_of(key)}") as (folder, to_build):
            if to_build:
                await make(folder)
        _PREPARED[key] = folder  # closed: every database is whole in its file
    return _PREPARED[key]


async def copy_prepared(var: Path, key: Hashable, make: Callable[[Path], Awaitable[None]]) -> None:
    """`prepared(key, make)`'s files copied into `var`."""
    folder = await prepared(key, make)
    var.mkdir(parents=True, exist_ok=True)
    for database in folder.iterdir():
        shutil.copy2(database, var / database.name)
