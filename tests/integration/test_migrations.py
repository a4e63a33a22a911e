"""Each service's migrations run on SQLite and PostgreSQL, and `alembic check` finds no drift."""

from __future__ import annotations

import asyncio

import pytest
import sqlalchemy as sa
from sqlalchemy.ext.asyncio import create_async_engine

from services import migrate
from services.catalog import SERVICES


@pytest.fixture(params=["sqlite", "postgres"])
def database_url(request: pytest.FixtureRequest, tmp_path) -> str:  # type: ignore[no-untyped-def]
    if request.param == "sqlite":
        return f"sqlite+aiosqlite:///{tmp_path / 'm.db'}"
    return request.getfixturevalue("postgres_url")


async def tables_of(url: str) -> set[str]:
    engine = create_async_engine(url)
    async with engine.connect() as conn:
        names = await conn.run_sync(lambda c: set(sa.inspect(c).get_table_names()))
    await engine.dispose()
    return names


@pytest.mark.parametrize("service", list(SERVICES))
async def test_migrations_create_the_kernel_tables_without_drift(service: str, database_url: str) -> None:
    await asyncio.to_thread(migrate.upgrade, service, database_url)
    assert {"events", "outbox", "inbox", "leases"} <= await tables_of(database_url)
    await asyncio.to_thread(migrate.check, service, database_url)  # raises on drift


async def test_migrations_downgrade_to_an_empty_database(database_url: str) -> None:
    await asyncio.to_thread(migrate.upgrade, "invoicing", database_url)
    await asyncio.to_thread(migrate.downgrade, "invoicing", database_url)
    assert await tables_of(database_url) <= {"alembic_version"}


def test_new_migration_writes_the_next_numbered_revision_of_a_change(tmp_path) -> None:  # type: ignore[no-untyped-def]
    import shutil

    root = tmp_path / "migrations"
    shutil.copytree(migrate.MIGRATIONS, root, ignore=shutil.ignore_patterns("__pycache__"))
    last = max(int(p.name[:4]) for p in (root / "payments" / "versions").glob("[0-9]*.py"))
    written = migrate.new_revision("payments", "nothing changed", root)
    assert written.name.startswith(f"{last + 1:04d}_") and f"revision = 'payments_{last + 1:04d}'" in written.read_text()
    assert "def upgrade() -> None:\n    pass" in written.read_text()  # the tables match their history
