"""Audit rows each service wrote into its own table before the one log are moved into the chain,
once, with their original time and the client as its pseudonym; the old table is left empty."""

from __future__ import annotations

from datetime import UTC, datetime

import sqlalchemy as sa

from tests.support.audit import audit_entries, pseudonym

BEFORE = datetime(2026, 11, 2, 8, 15, tzinfo=UTC)


async def old_row(container, **row) -> None:  # type: ignore[no-untyped-def]
    async with container.db.engines.write.begin() as conn:
        await conn.execute(sa.insert(container.db.tables.audit_log).values(
            at=BEFORE, actor_kind="staff", on_behalf_of=None, client_app="10.0.0.7 curl/8", object=None, **row))


async def run_job(container) -> int:  # type: ignore[no-untyped-def]
    return await next(job for job in container.jobs if job.name == "audit.legacy").run()


async def test_old_rows_of_every_service_move_into_the_chain_once(demo):
    runtime, _ = demo
    allocation, gateway = runtime.container("allocation"), runtime.container("gateway")
    await old_row(allocation, actor="toegang.zwolle", action="allocation.read", client_bsn="999900006")
    await old_row(gateway, actor="98000001", action="mailbox.read", client_bsn=None)
    assert await run_job(allocation) == 1 and await run_job(gateway) == 1
    assert await run_job(allocation) == 0  # moved once
    moved = await audit_entries(runtime, action="allocation.read")
    assert [(e.username, e.client, e.legacy, e.at.replace(tzinfo=UTC)) for e in moved] == [
        ("toegang.zwolle", pseudonym(runtime, "999900006"), True, BEFORE)]
    assert [e.service for e in await audit_entries(runtime, action="mailbox.read")] == ["gateway"]
    async with allocation.db.engines.read.connect() as conn:
        assert await conn.scalar(sa.select(sa.func.count()).select_from(allocation.db.tables.audit_log)) == 0
