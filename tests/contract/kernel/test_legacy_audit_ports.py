"""The contract of a service's audit table of before the one log, on every adapter, and its move
into the log's outbox (`forward_legacy`): oldest first, each row once, the client as a pseudonym."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import sqlalchemy as sa

from shared.audit import AuditTrail, LegacyAudit, LegacyEntry, forward_legacy, pseudonym
from shared.clock import FixedClock
from shared.exchange.audit import AUDIT_TOPIC
from shared.persistence.memory_work import MemoryStore
from shared.persistence.ports import Store
from tests.contract.kernel.conftest import kernel

BEFORE = datetime(2026, 11, 2, 8, 15, tzinfo=UTC)
KEY = b"k" * 32


async def old_rows(store: Store[LegacyAudit], *entries: LegacyEntry) -> None:
    """Rows as a service wrote them before the one log (nothing writes them any more)."""
    if isinstance(store, MemoryStore):
        store.state.entries.extend(entries)
        return
    rows = [{**vars(e), "actor_kind": "staff"} for e in entries]
    async with store.db.engines.write.begin() as conn:  # type: ignore[attr-defined]
        await conn.execute(sa.insert(kernel.audit_log), rows)


def entry(number: int, bsn: str | None = None) -> LegacyEntry:
    return LegacyEntry(number, BEFORE + timedelta(minutes=number), "toegang.zwolle", f"read.{number}", None, bsn,
                       "10.0.0.7 curl/8", None)


async def test_the_oldest_rows_come_first_and_removed_rows_are_gone(legacy):
    await old_rows(legacy, entry(3), entry(1), entry(2))
    async with legacy.unit_of_work() as work:
        assert [e.id for e in await work.ports.oldest(2)] == [1, 2]
        assert (await work.ports.oldest(1))[0] == entry(1)
        await work.ports.remove([1, 3])
        await work.commit()
    async with legacy.unit_of_work() as work:
        assert await work.ports.oldest(10) == [entry(2)]


async def test_old_rows_move_into_the_outbox_once_oldest_first_with_the_client_as_pseudonym(legacy):
    await old_rows(legacy, entry(1, "999900006"), entry(2), entry(3))
    trail = AuditTrail("allocation", KEY, FixedClock(BEFORE + timedelta(days=30)))
    assert await forward_legacy(legacy, trail, batch=2) == 2
    assert await forward_legacy(legacy, trail, batch=2) == 1
    assert await forward_legacy(legacy, trail, batch=2) == 0
    sent = [json.loads(row.value) for row in await legacy.db.pending_outbox(10)]  # type: ignore[attr-defined]
    assert [row.topic for row in await legacy.db.pending_outbox(10)] == [AUDIT_TOPIC] * 3  # type: ignore[attr-defined]
    payloads = [s["payload"] for s in sent]
    assert [p["action"] for p in payloads] == ["read.1", "read.2", "read.3"]
    assert payloads[0]["client"] == pseudonym(KEY, "999900006") and "999900006" not in json.dumps(sent)
    assert all(p["legacy"] for p in payloads)
    assert datetime.fromisoformat(payloads[0]["at"]) == BEFORE + timedelta(minutes=1)


async def test_a_move_that_does_not_commit_keeps_its_rows(legacy):
    await old_rows(legacy, entry(1))
    async with legacy.unit_of_work() as work:
        await work.ports.remove([1])
    async with legacy.unit_of_work() as work:
        assert await work.ports.oldest(10) == [entry(1)]
