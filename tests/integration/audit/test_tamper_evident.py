"""The audit log is tamper-evident: a row changed or removed in the database makes `happyflow audit
verify` exit non-zero naming the first entry that breaks the chain (and the API says the same);
writers appending at the same moment never fork the chain."""

from __future__ import annotations

import asyncio
import uuid
from pathlib import Path

import pytest
import sqlalchemy as sa
from typer.testing import CliRunner

from services import migrate
from services.cli import app
from services.gateway.adapters.sql.audit import SqlAuditLog
from services.gateway.adapters.tables import audit_trail as table
from services.gateway.domain.audit_chain import entry_of
from shared.audit import AuditEntry
from shared.persistence.engines import create_engines
from tests.integration.audit.conftest import AUDIT, AUDITOR
from tests.support.embedded import settle


async def logged(runtime, count: int) -> None:  # type: ignore[no-untyped-def]
    gw = runtime.container("gateway").context
    for n in range(count):
        await gw.audit.record_alone(gw.store, AuditEntry(f"clerk{n}", ("finance",), "queue.read", object=f"line {n}"))
    await settle(runtime)


async def verify_command(var: Path):  # type: ignore[no-untyped-def]
    return await asyncio.to_thread(CliRunner().invoke, app, ["audit", "verify", "--var", str(var)])


async def tamper(runtime, statement: sa.Executable) -> None:  # type: ignore[no-untyped-def]
    async with runtime.container("gateway").db.engines.write.begin() as conn:
        await conn.execute(statement)


async def test_a_whole_log_verifies(demo, tmp_path):
    runtime, _ = demo
    await logged(runtime, 3)
    result = await verify_command(tmp_path / "var")
    assert result.exit_code == 0 and "audit log whole" in result.output


async def test_a_changed_row_is_named_by_verify_and_by_the_api(demo, tmp_path):
    runtime, client = demo
    await logged(runtime, 4)
    victim = (await client.get(AUDIT, params={"user": "clerk1"}, headers=AUDITOR)).json()["items"][0]["seq"]
    await tamper(runtime, sa.update(table).where(table.c.seq == victim).values(username="someone else"))
    result = await verify_command(tmp_path / "var")
    assert result.exit_code == 1 and f"broken at entry {victim}:" in result.output
    assert (await client.get(f"{AUDIT}/verification", headers=AUDITOR)).json()["first_bad"] == victim


async def test_a_removed_row_is_named_at_the_entry_after_it(demo, tmp_path):
    runtime, _ = demo
    await logged(runtime, 4)
    async with runtime.container("gateway").db.engines.read.connect() as conn:
        last = await conn.scalar(sa.select(sa.func.max(table.c.seq)))
    await tamper(runtime, sa.delete(table).where(table.c.seq == last - 1))
    result = await verify_command(tmp_path / "var")
    assert result.exit_code == 1 and f"broken at entry {last}:" in result.output and "missing" in result.output


@pytest.fixture(params=["sqlite", "postgres"])
async def chain_database(request: pytest.FixtureRequest, tmp_path: Path):  # type: ignore[no-untyped-def]
    url = f"sqlite+aiosqlite:///{tmp_path / 'g.db'}" if request.param == "sqlite" else request.getfixturevalue(
        "postgres_url")
    await asyncio.to_thread(migrate.upgrade, "gateway", url)
    engines = create_engines(url)
    yield engines
    await engines.dispose()


async def test_writers_appending_at_once_never_fork_the_chain(chain_database):
    payload = {"at": "2026-12-06T09:30:00+00:00", "user": "clerk", "roles": ["finance"], "action": "queue.read",
               "outcome": "allowed", "service": "invoicing"}

    async def append(n: int) -> None:
        async with chain_database.write.begin() as conn:
            await SqlAuditLog(conn).append(entry_of(uuid.uuid4(), {**payload, "object": f"line {n}"}))

    await asyncio.gather(*(append(n) for n in range(20)))
    result = await SqlAuditLog(chain_database.read).verify()
    assert result.valid and result.entries == 20
