"""A message's bytes are kept exactly, inside the transaction that receives the message: on SQLite
they are written through the blob API rather than as a parameter (shared/persistence/blobs.py)."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import pytest
import sqlalchemy as sa

from services import migrate
from services.gateway.adapters.sql.mailbox import SqlMailbox
from services.gateway.adapters.sql.messages import SqlMessages
from shared.persistence.engines import Engines, create_engines

EVERY_BYTE = bytes(range(256)) * 4099  # not a multiple of a page, nor text
STORES = (SqlMessages, SqlMailbox)


@pytest.fixture(params=["sqlite", "postgres"])
async def engines(request: pytest.FixtureRequest, tmp_path) -> AsyncIterator[Engines]:  # type: ignore[no-untyped-def]
    url = f"sqlite+aiosqlite:///{tmp_path / 'g.db'}" if request.param == "sqlite" else \
        request.getfixturevalue("postgres_url")
    await asyncio.to_thread(migrate.upgrade, "gateway", url)
    made = create_engines(url)
    yield made
    await made.dispose()


@pytest.mark.parametrize("store", STORES)
async def test_the_bytes_read_back_are_the_bytes_kept(engines: Engines, store: type) -> None:
    async with engines.write.begin() as conn:
        await store(conn).keep_body("m-1", EVERY_BYTE)
        await store(conn).keep_body("m-2", b"<a/>")
    assert await store(engines.read).body("m-1") == EVERY_BYTE
    assert await store(engines.read).body("m-2") == b"<a/>"


@pytest.mark.parametrize("store", STORES)
async def test_bytes_of_a_transaction_rolled_back_are_not_kept(engines: Engines, store: type) -> None:
    with pytest.raises(RuntimeError):
        async with engines.write.begin() as conn:
            await store(conn).keep_body("m-1", EVERY_BYTE)
            raise RuntimeError("the receipt failed after its bytes were written")
    assert await store(engines.read).body("m-1") is None


@pytest.mark.parametrize("store", STORES)
async def test_bytes_kept_twice_under_one_id_are_refused_as_any_duplicate_key(engines: Engines, store: type) -> None:
    async with engines.write.begin() as conn:
        await store(conn).keep_body("m-1", EVERY_BYTE)
    with pytest.raises(sa.exc.IntegrityError):
        async with engines.write.begin() as conn:
            await store(conn).keep_body("m-1", b"<other/>")
    assert await store(engines.read).body("m-1") == EVERY_BYTE
