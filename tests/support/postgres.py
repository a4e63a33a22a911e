"""Pytest fixtures: one throwaway PostgreSQL cluster per test run, one fresh database per test.

The cluster is the run's (run_folder.py): the first worker that needs it starts it, the others
connect to it, and the process that ends the run stops it. Every test's database has a name of
its own, so the workers never meet in one.
"""

from __future__ import annotations

import asyncio
import json
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import asyncpg
import pytest

from shared.devtools.postgres_cluster import ClusterUnavailable, PostgresCluster
from tests.support.infra import unavailable
from tests.support.run_folder import built_once, owns_run, run_folder

RECORD = "cluster.json"


ON_BOTH = ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]
"""`pytestmark = pytest.mark.parametrize("database_kind", ON_BOTH)` runs a module's tests on SQLite
and on PostgreSQL, where its fixtures put a service on the database `database_kind` names."""


@pytest.fixture
def database_kind() -> str:
    return "sqlite"


@pytest.fixture(scope="session")
def postgres_cluster() -> PostgresCluster:
    try:
        with built_once("postgres") as (folder, to_start):
            if to_start:
                cluster = PostgresCluster.start()
                (folder / RECORD).write_text(json.dumps({"base": str(cluster.base), "port": cluster.port}))
    except ClusterUnavailable as error:
        unavailable(str(error))
    return _recorded(folder / RECORD)


@pytest.hookimpl(tryfirst=True)
def pytest_unconfigure(config: pytest.Config) -> None:
    """The run ends: its cluster goes (before run_folder.py removes the folder naming it)."""
    if owns_run(config) and (record := run_folder() / "postgres" / RECORD).exists():
        _recorded(record).stop()


def _recorded(record: Path) -> PostgresCluster:
    found = json.loads(record.read_text())
    return PostgresCluster(Path(found["base"]), found["port"])


async def create_database(cluster: PostgresCluster, name: str, template: str | None = None,
                          replace: bool = False) -> None:
    """A new database, empty or a copy of `template` (which nobody may be connected to);
    `replace`: in place of one of that name (left by a worker that died making it)."""
    admin = await asyncpg.connect(host=cluster.host, port=cluster.port, user="postgres")
    try:
        if replace:
            await admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
        await admin.execute(f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template else ""))
    finally:
        await admin.close()


@pytest.fixture
def postgres_url(postgres_cluster: PostgresCluster) -> str:
    """A fresh database. Synchronous (on its own loop in a thread) so that parametrised async
    fixtures can ask for it lazily with request.getfixturevalue."""
    name = f"t_{uuid.uuid4().hex[:12]}"
    with ThreadPoolExecutor(1) as pool:
        pool.submit(asyncio.run, create_database(postgres_cluster, name)).result()
    return postgres_cluster.url(name)
