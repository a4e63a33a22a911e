"""Pytest fixtures: one throwaway PostgreSQL cluster per session, one fresh database per test."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

import asyncpg
import pytest

from shared.devtools.postgres_cluster import ClusterUnavailable, PostgresCluster
from tests.support.infra import unavailable


ON_BOTH = ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]
"""`pytestmark = pytest.mark.parametrize("database_kind", ON_BOTH)` runs a module's tests on SQLite
and on PostgreSQL, where its fixtures put a service on the database `database_kind` names."""


@pytest.fixture
def database_kind() -> str:
    return "sqlite"


@pytest.fixture(scope="session")
def postgres_cluster() -> Iterator[PostgresCluster]:
    try:
        cluster = PostgresCluster.start()
    except ClusterUnavailable as error:
        unavailable(str(error))
    try:
        yield cluster
    finally:
        cluster.stop()


async def create_database(cluster: PostgresCluster, name: str, template: str | None = None) -> None:
    """A new database, empty or a copy of `template` (which nobody may be connected to)."""
    admin = await asyncpg.connect(host=cluster.host, port=cluster.port, user="postgres")
    try:
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
