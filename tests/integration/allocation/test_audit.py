"""Every staff action and every read of client data is in the allocation service's audit log."""

from __future__ import annotations

import sqlalchemy as sa

from tests.integration.allocation.conftest import ALLOCATIONS, CLIENT, STAFF, ZWOLLE, issue


async def test_issuing_and_reading_an_allocation_are_audited_with_the_client(demo):
    runtime, client = demo
    issued = await issue(runtime, client)
    await client.get(f"{ALLOCATIONS}/{ZWOLLE}/{issued['allocation_number']}", headers=STAFF)
    db = runtime.container("allocation").db
    async with db.engines.read.connect() as conn:
        rows = (await conn.execute(sa.select(db.tables.audit_log))).all()
    assert [(r.actor, r.action, r.client_bsn) for r in rows] == [
        ("toegang.zwolle", "allocation.issue", CLIENT), ("toegang.zwolle", "allocation.read", CLIENT)]
