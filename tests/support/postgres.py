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


async def _create_database(cluster: PostgresCluster, name: str) -> None:
    admin = await asyncpg.connect(host=cluster.host, port=cluster.port, user="postgres")
    try:
        await admin.execute(f'CREATE DATABASE "{name}"')
    finally:
        await admin.close()


@pytest.fixture
def postgres_url(postgres_cluster: PostgresCluster) -> str:
    """A fresh database. Synchronous (on its own loop in a thread) so that parametrised async
    fixtures can ask for it lazily with request.getfixturevalue."""
    name = f"t_{uuid.uuid4().hex[:12]}"
    with ThreadPoolExecutor(1) as pool:
        pool.submit(asyncio.run, _create_database(postgres_cluster, name)).result()
    return postgres_cluster.url(name)
