"""Pytest plugin: one folder per test run, shared by all of the run's processes.

`make test` runs the suite on pytest-xdist workers (distribution.py). What costs seconds to build
and is the same for every worker — the prepared databases (prepared.py) and the PostgreSQL
cluster (postgres.py) — is built once per run, by the first worker that needs it, under a file
lock in this folder; the others wait for it and then use it. Each test still gets its own copy of
the files, its own database or its own topic names, so no test sees another's rows.

The controller (or the one process of a run without xdist) makes the folder before the workers
start and removes it when the run ends, after postgres.py stopped the cluster. A worker that dies
while building leaves no `.done` mark: the next one to need the thing builds it again.
"""

from __future__ import annotations

import atexit
import hashlib
import os
import shutil
import tempfile
from collections.abc import Hashable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from filelock import FileLock

RUN_FOLDER = "HAPPYFLOW_TEST_RUN"
"""The environment variable naming the folder, set in every process of the run."""

_OWNED = pytest.StashKey[Path]()


def pytest_configure(config: pytest.Config) -> None:
    workerinput = getattr(config, "workerinput", None)
    if workerinput is not None and RUN_FOLDER in workerinput:
        folder = Path(workerinput[RUN_FOLDER])
    else:
        folder = Path(tempfile.mkdtemp(prefix="happyflow-run-"))
        config.stash[_OWNED] = folder
    os.environ[RUN_FOLDER] = str(folder)


@pytest.hookimpl(optionalhook=True)
def pytest_configure_node(node: Any) -> None:
    """xdist: each worker is told the controller's folder."""
    node.workerinput[RUN_FOLDER] = str(node.config.stash[_OWNED])


@pytest.hookimpl(trylast=True)
def pytest_unconfigure(config: pytest.Config) -> None:
    if (folder := config.stash.get(_OWNED, None)) is not None:
        shutil.rmtree(folder, ignore_errors=True)


def owns_run(config: pytest.Config) -> bool:
    """True in the process that ends the run (and stops what was started for it)."""
    return _OWNED in config.stash


def run_folder() -> Path:
    """The run's folder; outside a pytest run with this plugin, a folder of this process."""
    if RUN_FOLDER not in os.environ:
        folder = tempfile.mkdtemp(prefix="happyflow-run-")
        atexit.register(shutil.rmtree, folder, True)
        os.environ[RUN_FOLDER] = folder
    return Path(os.environ[RUN_FOLDER])


def name_of(key: Hashable) -> str:
    """A folder name for `key`, the same in every process (its repr, hashed)."""
    return hashlib.sha256(repr(key).encode("utf-8")).hexdigest()[:32]


@contextmanager
def built_once(name: str) -> Iterator[tuple[Path, bool]]:
    """The run's folder for `name`, and whether the caller is to build it now: the first process
    to ask builds it inside this block while the others wait; they find it built. The build
    counts only when the block ends without an error."""
    base = run_folder()
    folder, done = base / name, base / f"{name}.done"
    with FileLock(base / f"{name}.lock"):
        if done.exists():
            yield folder, False
            return
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
        yield folder, True
        done.touch()
