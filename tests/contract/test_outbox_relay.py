"""Outbox relay and inbox, on every database adapter and both buses: nothing acknowledged is lost,
nothing redelivered is applied twice."""

from __future__ import annotations

import asyncio
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from shared.bus import Bus, InMemoryBus
from shared.clock import FixedClock
from shared.events.envelope import Envelope, NewEvent
from shared.events.registry import EventRegistry, EventType
from shared.persistence.inbox import idempotent_handler
from shared.persistence.ports import UnitOfWork
from shared.persistence.relay import OutboxRelay
from tests.support.kafka import poll_until, unique

ROOT = Path(__file__).resolve().parents[2]
T0 = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)
REGISTRY = EventRegistry([EventType("test.Happened", 1)])


class RelayCrash(Exception):
    pass


class CrashBeforeMarking:
    """The relay's database, dying once between the broker's acknowledgement and the mark."""

    def __init__(self, db) -> None:  # type: ignore[no-untyped-def]
        self._db = db

    def __getattr__(self, name: str):  # type: ignore[no-untyped-def]
        return getattr(self._db, name)

    async def mark_published(self, positions, at) -> None:  # type: ignore[no-untyped-def]
        raise RelayCrash("killed after publishing, before marking")


class Watched:
    """The relay's database, telling the test when a round found nothing and when rows were marked."""

    def __init__(self, db) -> None:  # type: ignore[no-untyped-def]
        self._db = db
        self.idle = asyncio.Event()
        self.marked: list[int] = []
        self.published = asyncio.Event()

    def __getattr__(self, name: str):  # type: ignore[no-untyped-def]
        return getattr(self._db, name)

    async def pending_outbox(self, limit: int):  # type: ignore[no-untyped-def]
        rows = await self._db.pending_outbox(limit)
        if not rows:
            self.idle.set()
        return rows

    async def mark_published(self, positions, at) -> None:  # type: ignore[no-untyped-def]
        await self._db.mark_published(positions, at)
        self.marked += positions
        self.published.set()


async def stage(database, topic: str, streams: list[str]) -> None:  # type: ignore[no-untyped-def]
    for stream in streams:
        async with database.unit_of_work() as uow:
            event = NewEvent("test.Happened", 1, {"stream": stream}, T0, tenant="0193")
            uow.enqueue(topic, uow.append(stream, 0, [event]))
            await uow.commit()


async def count_effects(uow: UnitOfWork, envelope: Envelope) -> None:
    """The consumer's effect, in its own transaction: one event per application."""
    effects = await uow.load("effects")
    uow.append("effects", len(effects), [NewEvent("test.Happened", 1, {"of": str(envelope.event_id)}, T0)])


async def test_relay_publishes_in_order_keyed_by_stream_and_marks_rows(database, bus: Bus) -> None:
    topic = unique("relay")
    await stage(database, topic, ["alloc-1", "alloc-2", "alloc-3"])
    consumer = bus.consumer(unique("g"), [topic])
    await consumer.start()
    relay = OutboxRelay(database, bus, FixedClock(T0), name="test")
    assert await relay.drain() == 3
    records = await poll_until(consumer, 3)
    assert sorted(r.key for r in records) == ["alloc-1", "alloc-2", "alloc-3"]
    assert {Envelope.from_json(r.value).stream_id for r in records} == {"alloc-1", "alloc-2", "alloc-3"}
    assert await database.pending_outbox(10) == []
    await consumer.stop()


async def test_an_idle_relay_publishes_a_row_committed_in_its_process_without_waiting_for_its_poll(database) -> None:
    bus = InMemoryBus()
    await bus.start()
    topic = unique("wake")
    watched, stop = Watched(database), asyncio.Event()
    relay = OutboxRelay(watched, bus, FixedClock(T0), name="wake")
    running = asyncio.create_task(relay.run_forever(stop, idle_seconds=3600))
    await watched.idle.wait()  # its first round found nothing: it now waits up to an hour
    await stage(database, topic, ["w-1"])
    await asyncio.wait_for(watched.published.wait(), timeout=30)
    assert len(watched.marked) == 1 and await database.pending_outbox(10) == []
    stop.set()
    await asyncio.wait_for(running, timeout=30)
    await bus.stop()


async def test_relay_that_dies_before_marking_republishes_and_consumer_applies_once(database, bus: Bus) -> None:
    topic = unique("crash")
    await stage(database, topic, ["decl-1"])
    with pytest.raises(RelayCrash):
        await OutboxRelay(CrashBeforeMarking(database), bus, FixedClock(T0), name="t", owner="a").run_once()
    clock = FixedClock(T0 + timedelta(minutes=1))  # the dead relay's lease has expired
    assert await OutboxRelay(database, bus, clock, name="t", owner="b").run_once() == 1
    consumer = bus.consumer(unique("g"), [topic])
    await consumer.start()
    handle = idempotent_handler(database, "projector", REGISTRY, count_effects)
    for record in await poll_until(consumer, 2):
        await handle(record)
    assert len(await database.load("effects")) == 1
    await consumer.stop()


async def test_consumer_dying_after_its_commit_gets_the_event_again_and_applies_it_once(database, bus: Bus) -> None:
    topic, group = unique("redeliver"), unique("g")
    await stage(database, topic, ["decl-9"])
    await OutboxRelay(database, bus, FixedClock(T0), name="t").drain()
    handle = idempotent_handler(database, "projector", REGISTRY, count_effects)
    first = bus.consumer(group, [topic])
    await first.start()
    for record in await poll_until(first, 1):
        await handle(record)  # the database commit happens here
    await first.stop()  # ... and the process dies before committing the offset
    second = bus.consumer(group, [topic])
    await second.start()
    again = await poll_until(second, 1)
    for record in again:
        await handle(record)
    await second.stop()
    assert len(again) == 1 and len(await database.load("effects")) == 1


async def test_only_one_relay_is_active_until_its_lease_expires(database) -> None:
    bus = InMemoryBus()
    await bus.start()
    topic = unique("lease")
    clock = FixedClock(T0)
    active = OutboxRelay(database, bus, clock, name="svc", owner="a", lease_seconds=10)
    standby = OutboxRelay(database, bus, clock, name="svc", owner="b", lease_seconds=10)
    await stage(database, topic, ["s-1"])
    assert await active.run_once() == 1
    await stage(database, topic, ["s-2"])
    assert await standby.run_once() == 0
    clock.advance(timedelta(seconds=11))
    assert await standby.run_once() == 1
    assert await active.run_once() == 0
    await bus.stop()


async def test_a_relay_stopped_cleanly_hands_over_at_once(database) -> None:
    bus = InMemoryBus()
    await bus.start()
    topic = unique("release")
    clock = FixedClock(T0)
    stopping = OutboxRelay(database, bus, clock, name="svc", owner="a", lease_seconds=10)
    successor = OutboxRelay(database, bus, clock, name="svc", owner="b", lease_seconds=10)
    await stage(database, topic, ["r-1"])
    assert await stopping.run_once() == 1
    await successor.release()  # not its lease: changes nothing
    await stage(database, topic, ["r-2"])
    assert await successor.run_once() == 0
    await stopping.release()
    assert await successor.run_once() == 1  # no wait for the lease to expire
    await bus.stop()


def owner_of_a_process_that_exited() -> str:
    done = subprocess.run([sys.executable, "-c", "from shared.persistence.owners import process_owner as o; print(o())"],
                          cwd=ROOT, capture_output=True, text=True, timeout=60, check=True)
    return done.stdout.strip()


async def test_a_relay_restarted_after_a_kill_takes_the_dead_process_lease_at_once(database) -> None:
    bus = InMemoryBus()
    await bus.start()
    topic = unique("takeover")
    assert await database.acquire_lease("relay:svc", owner_of_a_process_that_exited(), T0, 15)
    await stage(database, topic, ["k-1"])
    restarted = OutboxRelay(database, bus, FixedClock(T0), name="svc", lease_seconds=15)
    assert await restarted.run_once() == 1  # no waiting for the dead holder's 15 s
    await bus.stop()


async def test_a_live_process_keeps_its_lease_against_a_second_relay(database) -> None:
    bus = InMemoryBus()
    await bus.start()
    topic = unique("alive")
    clock = FixedClock(T0)
    holder = OutboxRelay(database, bus, clock, name="svc", lease_seconds=15)
    second = OutboxRelay(database, bus, clock, name="svc", lease_seconds=15)
    await stage(database, topic, ["k-1"])
    assert await holder.run_once() == 1
    await stage(database, topic, ["k-2"])
    assert await second.run_once() == 0
    await bus.stop()
