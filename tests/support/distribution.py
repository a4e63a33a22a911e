"""Pytest plugin: how `make test` shares the suite between two pytest-xdist workers.

Each worker is a test process of its own: it builds its own prepared databases
(tests/support/prepared.py), its own PostgreSQL cluster and its own broker, each in a fresh
temporary folder on a free port, so nothing is shared between them but the CPU.

With `--dist loadscope` (or `loadfile`) a module goes to one worker whole, so its module
fixtures are built once; the packages in ONE_UNIT go whole too. The units that take tens of
seconds go out first: started last, one of them would leave the other worker idle at the end.
"""

from __future__ import annotations

from typing import Any

import pytest
from xdist.scheduler import LoadScopeScheduling

ONE_UNIT = ("tests/browser/", "tests/crash/")
"""Packages whose shared fixtures are worth building once: all their modules on one worker (the
crash tests' session fixture sends the month once without kills, which both modules compare with)."""

LONG_FIRST = (
    "tests/browser/",
    "tests/crash/",
    "tests/e2e/test_distributed_region.py",
    "tests/integration/test_deploy.py",
    "tests/authorisation/",
    "tests/bench/",
    "tests/e2e/",
    "tests/integration/audit/",
    "tests/integration/test_runtime.py",
)
"""Path prefixes of the longest units (tens of seconds each on two cores; the browser package
over two minutes), longest first."""


def unit_of(nodeid: str) -> str:
    path = nodeid.split("::", 1)[0]
    return next((package for package in ONE_UNIT if path.startswith(package)), path)


def rank(nodeid: str) -> int:
    return next((i for i, prefix in enumerate(LONG_FIRST) if nodeid.startswith(prefix)), len(LONG_FIRST))


class ByModule(LoadScopeScheduling):
    """Work units are whole modules, or whole packages in ONE_UNIT."""

    def _split_scope(self, nodeid: str) -> str:
        return unit_of(nodeid)


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config: pytest.Config, log: Any) -> LoadScopeScheduling | None:
    if config.getoption("dist") in ("loadscope", "loadfile"):
        return ByModule(config, log)
    return None


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Every test's id names its case: xdist schedules by id, and ran one of the 106 schemathesis
    operations that shared one and reported no other. On a worker the longest units go first (a
    stable sort: the rest keep their order); the controller keeps it (--no-loadscope-reorder)."""
    for item in items:
        if "[" in item.name and not item.nodeid.endswith(f"::{item.name}"):
            _rename(item, f"{item.nodeid.rsplit('::', 1)[0]}::{item.name}")
    if hasattr(config, "workerinput"):
        items.sort(key=lambda item: rank(item.nodeid))


def _rename(item: pytest.Item, nodeid: str) -> None:
    """schemathesis names each operation's test (`test[GET /health]`) but leaves all 106 the one
    id; pytest keeps the id in `_id` since 9.0, in `_nodeid` before (neither is public)."""
    if hasattr(item, "_id"):
        item._id = type(item._id).parse(nodeid)
    else:
        item._nodeid = nodeid
