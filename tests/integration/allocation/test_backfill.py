"""Client particulars and JW301s recorded before they had events get them on upgrade, so a
rebuild of a database from before revision 0006 keeps them."""

from __future__ import annotations

import asyncio
from datetime import datetime
from pathlib import Path

import sqlalchemy as sa

from services import migrate
from services.allocation.adapters import tables
from services.allocation.adapters.rebuild import rebuild_projections
from shared.persistence.engines import create_engines
from shared.persistence.sql import SqlDatabase

CLIENT = {"municipality": "0193", "client_bsn": "999900006", "details": {"surname": "Jansen", "gender": "2"}}
JW301 = {"identification": "GM-301-1", "message_id": "m-1", "municipality": "0193", "client_bsn": "999900006",
         "provider_agb": "98000001", "allocation_numbers": [700001], "made_at": datetime(2026, 4, 1, 9, 30, 0, 5)}


async def rows(db: SqlDatabase, table: sa.Table) -> list[dict]:
    async with db.engines.read.connect() as conn:
        return [dict(row._mapping) for row in await conn.execute(sa.select(table))]


async def test_a_database_from_before_the_events_rebuilds_its_clients_and_jw301s(tmp_path: Path):
    url = f"sqlite+aiosqlite:///{tmp_path / 'allocation.db'}"
    await asyncio.to_thread(migrate.upgrade, "allocation", url, "allocation_0005")
    db = SqlDatabase(create_engines(url), tables.kernel)
    async with db.engines.write.begin() as conn:
        await conn.execute(sa.insert(tables.clients).values(**CLIENT))
        await conn.execute(sa.insert(tables.jw301_messages).values(**JW301))
    await asyncio.to_thread(migrate.upgrade, "allocation", url)
    assert await rebuild_projections(db) == 2
    assert (await rows(db, tables.clients), await rows(db, tables.jw301_messages)) == ([CLIENT], [JW301])
    await db.close()
