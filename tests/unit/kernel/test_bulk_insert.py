"""`insert_rows` stores exactly what `conn.execute(sa.insert(table), rows)` stores: the same text
in every column (JSON, UUID, timestamps with zone whether rows share one or not, dates, booleans,
NULLs), read back as the same values; a column with a Python-side default is still filled in."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import pytest
import sqlalchemy as sa

from shared.persistence.bulk import insert_rows
from shared.persistence.engines import Engines, create_engines
from shared.persistence.tables import new_metadata


def _table(metadata: sa.MetaData, name: str) -> sa.Table:
    return sa.Table(
        name, metadata,
        sa.Column("position", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), primary_key=True,
                  autoincrement=True),
        sa.Column("event_id", sa.Uuid(), nullable=False),
        sa.Column("key", sa.String(20), nullable=False),
        sa.Column("payload", sa.JSON(), nullable=False),
        sa.Column("maybe", sa.JSON(), nullable=True),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("on", sa.Date(), nullable=True),
        sa.Column("flag", sa.Boolean(), nullable=False),
        sa.Column("cents", sa.BigInteger(), nullable=False),
        sa.Column("body", sa.LargeBinary(), nullable=True),
    )


METADATA = new_metadata()
CORE, BULK = _table(METADATA, "core"), _table(METADATA, "bulk")
DEFAULTED = sa.Table("defaulted", METADATA, sa.Column("name", sa.String(20), primary_key=True),
                     sa.Column("status", sa.String(20), nullable=False, default="open"))


@pytest.fixture
async def engines(tmp_path: Path) -> AsyncIterator[Engines]:
    engines = create_engines(f"sqlite+aiosqlite:///{tmp_path / 'bulk.db'}")
    async with engines.write.begin() as conn:
        await conn.run_sync(METADATA.create_all)
    yield engines
    await engines.dispose()


def _rows() -> list[dict[str, object]]:
    at = datetime(2026, 3, 29, 1, 30, 15, 123456, tzinfo=UTC)
    return [{"event_id": uuid.UUID(int=n), "key": f"k{n}", "payload": {"n": n, "ë": ["Ä", None, 1.5], "d": {}},
             "maybe": None if n % 2 else {"x": n}, "at": at if n < 3 else at + timedelta(hours=n),
             "on": date(2026, 1, n + 1) if n % 3 else None, "flag": n % 2 == 0, "cents": -n * 1999,
             "body": b"\x00\xff" * n or None} for n in range(7)]


async def _stored(conn: sa.Connection | object, table: str) -> list[tuple[object, ...]]:
    return [tuple(row) for row in (await conn.exec_driver_sql(  # type: ignore[attr-defined]
        f'SELECT event_id, "key", payload, maybe, at, "on", flag, cents, body FROM {table} ORDER BY position'))]


async def test_rows_are_stored_as_the_core_insert_stores_them(engines: Engines):
    async with engines.write.begin() as conn:
        await conn.execute(sa.insert(CORE), _rows())
        await insert_rows(conn, BULK, _rows())
    async with engines.read.connect() as conn:
        assert await _stored(conn, "bulk") == await _stored(conn, "core")
        core = [row._asdict() for row in await conn.execute(sa.select(CORE).order_by(CORE.c.position))]
        bulk = [row._asdict() for row in await conn.execute(sa.select(BULK).order_by(BULK.c.position))]
    assert bulk == core and len(bulk) == 7
    assert bulk[1]["payload"] == {"n": 1, "ë": ["Ä", None, 1.5], "d": {}}


async def test_a_timestamp_in_another_zone_is_stored_as_the_core_insert_stores_it(engines: Engines):
    row = {**_rows()[0], "at": datetime(2026, 7, 1, 12, 0, tzinfo=timezone(timedelta(hours=2)))}
    async with engines.write.begin() as conn:
        await conn.execute(sa.insert(CORE), [row])
        await insert_rows(conn, BULK, [row])
    async with engines.read.connect() as conn:
        assert await _stored(conn, "bulk") == await _stored(conn, "core")


async def test_a_python_side_default_is_still_filled_in(engines: Engines):
    async with engines.write.begin() as conn:
        await insert_rows(conn, DEFAULTED, [{"name": "a"}, {"name": "b"}])
    async with engines.read.connect() as conn:
        assert list(await conn.execute(sa.select(DEFAULTED).order_by(DEFAULTED.c.name))) == [("a", "open"), ("b", "open")]


async def test_nothing_to_insert_is_no_statement(engines: Engines):
    async with engines.write.begin() as conn:
        await insert_rows(conn, BULK, [])
        assert await conn.scalar(sa.select(sa.func.count()).select_from(BULK)) == 0
