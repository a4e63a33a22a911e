"""The event store contract, on memory, SQLite and PostgreSQL."""

from __future__ import annotations

import asyncio
import uuid
from datetime import UTC, datetime

import pytest

from shared.events.envelope import NewEvent
from shared.persistence.ports import ConcurrencyError

T0 = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)


def event(n: int, kind: str = "test.Happened") -> NewEvent:
    return NewEvent(type=kind, version=1, payload={"n": n, "bsn": "999990019"}, occurred_at=T0, tenant="0193")


async def test_appended_events_load_back_in_stream_order(database):
    await database.append("a-1", 0, [event(1), event(2)])
    await database.append("a-1", 2, [event(3)])
    loaded = await database.load("a-1")
    assert [(e.stream_version, e.payload["n"]) for e in loaded] == [(1, 1), (2, 2), (3, 3)]
    assert loaded[0].tenant == "0193" and loaded[0].occurred_at == T0


async def test_append_with_stale_expected_version_is_refused(database):
    await database.append("a-1", 0, [event(1)])
    with pytest.raises(ConcurrencyError):
        await database.append("a-1", 0, [event(2)])
    assert [e.payload["n"] for e in await database.load("a-1")] == [1]


async def test_append_beyond_the_stream_head_is_refused(database):
    with pytest.raises(ConcurrencyError):
        await database.append("a-1", 3, [event(1)])
    assert await database.load("a-1") == []


async def test_two_concurrent_appends_to_one_stream_exactly_one_wins(database):
    await database.append("a-1", 0, [event(0)])
    results = await asyncio.gather(
        database.append("a-1", 1, [event(1)]), database.append("a-1", 1, [event(2)]), return_exceptions=True
    )
    assert sorted(type(r).__name__ for r in results) == ["ConcurrencyError", "list"]
    assert len(await database.load("a-1")) == 2


async def test_read_all_returns_every_stream_in_global_order(database):
    await database.append("a-1", 0, [event(1)])
    await database.append("b-1", 0, [event(2), event(3)])
    everything = await database.read_all()
    assert [e.payload["n"] for e in everything] == [1, 2, 3]
    assert [e.payload["n"] for e in await database.read_all(after=everything[0].position)] == [2, 3]


async def test_batch_of_a_hundred_events_is_one_append(database):
    written = await database.append("big", 0, [event(n) for n in range(100)])
    assert [e.stream_version for e in written] == list(range(1, 101))
    assert len(await database.read_all(limit=1000)) == 100


async def test_global_reader_never_skips_an_event_whose_transaction_commits_late(database):
    """The Marten #4953 shape: tx A holds its append open while tx B appends and commits."""
    seen: list[int] = []
    position = 0

    async def tail() -> None:
        nonlocal position
        for e in await database.read_all(after=position):
            seen.append(e.payload["n"])
            position = e.position

    async with database.unit_of_work() as slow:
        slow.append("slow", 0, [event(1)])
        await slow.flush()  # A has its place in the global order but has not committed
        fast = asyncio.ensure_future(database.append("fast", 0, [event(2)]))
        for _ in range(20):  # the tailing reader keeps polling while B tries to commit
            await tail()
            await asyncio.sleep(0.01)
        await slow.commit()
    await fast
    await tail()
    assert sorted(seen) == [1, 2] and len(seen) == 2


async def test_an_enqueued_event_may_carry_a_partition_key_other_than_its_stream(database):
    async with database.unit_of_work() as uow:
        uow.enqueue("happyflow.test.events", uow.append("message-1", 0, [event(1)]), key="municipality-0384")
        uow.enqueue("happyflow.test.events", uow.append("message-2", 0, [event(2)]))
        await uow.commit()
    assert [row.key for row in await database.pending_outbox(10)] == ["municipality-0384", "message-2"]


async def test_unit_of_work_commits_events_outbox_and_inbox_together(database):
    async with database.unit_of_work() as uow:
        assert await uow.claim("projector", uuid.UUID(int=7))
        written = uow.append("a-1", 0, [event(1)])
        uow.enqueue("happyflow.test.events", written)
        await uow.commit()
    assert len(await database.load("a-1")) == 1
    assert [row.key for row in await database.pending_outbox(10)] == ["a-1"]
    async with database.unit_of_work() as uow:
        assert not await uow.claim("projector", uuid.UUID(int=7))
        assert await uow.claim("other-consumer", uuid.UUID(int=7))


async def test_unit_of_work_left_without_commit_changes_nothing(database):
    with pytest.raises(RuntimeError):
        async with database.unit_of_work() as uow:
            assert await uow.claim("projector", uuid.UUID(int=8))
            uow.enqueue("happyflow.test.events", uow.append("a-1", 0, [event(1)]))
            raise RuntimeError("handler failed")
    assert await database.load("a-1") == []
    assert await database.pending_outbox(10) == []
    async with database.unit_of_work() as uow:
        assert await uow.claim("projector", uuid.UUID(int=8))


async def test_the_outbox_hands_out_big_rows_a_few_bytes_at_a_time_in_order(database):
    """A settled declaration's parts are big: the relay reads them a few at a time, never none."""
    async with database.unit_of_work() as uow:
        for n in range(5):
            big = NewEvent("test.Happened", 1, {"n": n, "filler": "x" * 1000}, T0)
            uow.enqueue("happyflow.test.events", uow.append(f"a-{n}", 0, [big]))
        await uow.commit()
    assert [r.key for r in await database.pending_outbox(10, max_bytes=10)] == ["a-0"]  # one, though over
    taken = []
    while pending := await database.pending_outbox(10, max_bytes=2500):
        assert len(pending) <= 2 and (len(pending) == 1 or sum(len(r.value) for r in pending) <= 2500)
        taken += [r.key for r in pending]
        await database.mark_published([r.position for r in pending], T0)
    assert taken == [f"a-{n}" for n in range(5)]
