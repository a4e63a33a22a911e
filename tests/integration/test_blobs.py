"""A record's bytes are kept exactly, in the transaction that writes them, whether they come as
bytes, as a file or made when written (shared/persistence/blobs.py: on SQLite through the blob
API, elsewhere as a parameter)."""

from __future__ import annotations

import io
from collections.abc import AsyncIterator

import pytest
import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine

from shared.persistence.blobs import Body, insert_with_bytes

EVERY_BYTE = bytes(range(256)) * 4099  # not a multiple of a page, nor text
METADATA = sa.MetaData()
RECORDS = sa.Table("records", METADATA, sa.Column("record_id", sa.String(36), primary_key=True),
                   sa.Column("kind", sa.String(8), nullable=False), sa.Column("xml", sa.LargeBinary, nullable=False))
FORMS: dict[str, object] = {"bytes": lambda b: b, "file": io.BytesIO, "made": lambda b: (lambda: b)}


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
async def engine(request: pytest.FixtureRequest, tmp_path) -> AsyncIterator[AsyncEngine]:  # type: ignore[no-untyped-def]
    url = f"sqlite+aiosqlite:///{tmp_path / 'b.db'}" if request.param == "sqlite" else \
        request.getfixturevalue("postgres_url")
    made = create_async_engine(url)
    async with made.begin() as conn:
        await conn.run_sync(METADATA.create_all)
    yield made
    await made.dispose()


async def _kept(engine: AsyncEngine, record_id: str) -> tuple[str, bytes] | None:
    async with engine.connect() as conn:
        row = (await conn.execute(sa.select(RECORDS.c.kind, RECORDS.c.xml)
                                  .where(RECORDS.c.record_id == record_id))).first()
    return None if row is None else (row.kind, bytes(row.xml))


@pytest.mark.parametrize("form", FORMS)
async def test_the_bytes_and_the_rows_other_values_read_back_as_kept(engine: AsyncEngine, form: str) -> None:
    body: Body = FORMS[form](EVERY_BYTE)  # type: ignore[operator]
    async with engine.begin() as conn:
        await insert_with_bytes(conn, RECORDS, {"record_id": "r-1", "kind": "323"}, "xml", body)
        await insert_with_bytes(conn, RECORDS, {"record_id": "r-2", "kind": "325"}, "xml", FORMS[form](b"<a/>"))  # type: ignore[operator]
    assert await _kept(engine, "r-1") == ("323", EVERY_BYTE)
    assert await _kept(engine, "r-2") == ("325", b"<a/>")


async def test_bytes_of_a_transaction_rolled_back_are_not_kept(engine: AsyncEngine) -> None:
    with pytest.raises(RuntimeError):
        async with engine.begin() as conn:
            await insert_with_bytes(conn, RECORDS, {"record_id": "r-1", "kind": "323"}, "xml", EVERY_BYTE)
            raise RuntimeError("the receipt failed after its bytes were written")
    assert await _kept(engine, "r-1") is None


async def test_a_taken_key_is_refused_as_any_duplicate_and_the_first_bytes_stay(engine: AsyncEngine) -> None:
    async with engine.begin() as conn:
        await insert_with_bytes(conn, RECORDS, {"record_id": "r-1", "kind": "323"}, "xml", EVERY_BYTE)
    with pytest.raises(sa.exc.IntegrityError):
        async with engine.begin() as conn:
            await insert_with_bytes(conn, RECORDS, {"record_id": "r-1", "kind": "323"}, "xml", lambda: b"<other/>")
    assert await _kept(engine, "r-1") == ("323", EVERY_BYTE)
