"""In-memory bus behaviour beyond the shared contract: partitioning, rebalancing, waiting polls."""

import asyncio

import pytest

from shared.bus import InMemoryBus, Message, Record
from shared.bus.memory import partition_for


async def started(partitions: int = 4) -> InMemoryBus:
    bus = InMemoryBus(partitions)
    await bus.start()
    return bus


def test_key_maps_to_the_same_partition_in_every_process() -> None:
    # Pinned values: CRC-32 is fixed, whereas str hash() changes with every interpreter run.
    keys = ["invoice-42", "allocation-1", "declaration-9", "a", "b"]
    assert [partition_for(key, 4) for key in keys] == [3, 0, 1, 3, 1]


async def test_one_key_stays_in_one_partition_with_consecutive_offsets() -> None:
    bus = await started()
    await bus.publish([Message("t", "stream-7", b"%d" % i) for i in range(5)])
    consumer = bus.consumer("g", ["t"])
    await consumer.start()
    records = await consumer.poll()
    assert {r.partition for r in records} == {partition_for("stream-7", 4)}
    assert [r.offset for r in records] == [0, 1, 2, 3, 4]


async def test_a_joining_member_takes_half_the_partitions_and_gets_them_back_on_leave() -> None:
    bus = await started()
    first, second = bus.consumer("g", ["t"]), bus.consumer("g", ["t"])
    await first.start()
    assert first.assignment == {("t", p) for p in range(4)}
    await second.start()
    assert first.assignment == {("t", 0), ("t", 2)}
    assert second.assignment == {("t", 1), ("t", 3)}
    await second.stop()
    assert first.assignment == {("t", p) for p in range(4)}


async def test_a_member_keeps_its_position_on_partitions_it_keeps() -> None:
    bus = await started(partitions=1)
    await bus.publish([Message("t", "k", b"1")])
    first = bus.consumer("g", ["t"])
    await first.start()
    assert len(await first.poll()) == 1
    await bus.consumer("g", ["t"]).start()  # gets no partition: there is only one
    assert await first.poll() == []


async def test_commit_ignores_partitions_the_member_no_longer_owns() -> None:
    bus = await started(partitions=2)
    first = bus.consumer("g", ["t"])
    await first.start()
    stale = Record("t", 1, 0, "k", b"v")
    await bus.consumer("g", ["t"]).start()  # partition 1 moves to the new member
    await first.commit([stale])
    assert bus._committed_offset("g", ("t", 1)) == 0


async def test_poll_with_timeout_wakes_up_when_a_record_is_published() -> None:
    bus = await started()
    consumer = bus.consumer("g", ["t"])
    await consumer.start()
    waiting = asyncio.create_task(consumer.poll(timeout=30))
    await asyncio.sleep(0)  # let the poll reach its wait
    assert not waiting.done()
    await bus.publish([Message("t", "k", b"v")])
    assert [r.value for r in await waiting] == [b"v"]


async def test_poll_with_timeout_returns_nothing_when_nothing_arrives() -> None:
    bus = await started()
    consumer = bus.consumer("g", ["t"])
    await consumer.start()
    assert await consumer.poll(timeout=0.01) == []


async def test_a_waiting_poll_returns_empty_when_its_consumer_stops() -> None:
    bus = await started()
    consumer = bus.consumer("g", ["t"])
    await consumer.start()
    waiting = asyncio.create_task(consumer.poll(timeout=30))
    await asyncio.sleep(0)
    await consumer.stop()
    assert await waiting == []


async def test_members_subscribed_to_different_topics_split_only_their_own() -> None:
    bus = await started(partitions=2)
    orders, both = bus.consumer("g", ["orders"]), bus.consumer("g", ["orders", "payments"])
    await orders.start()
    await both.start()
    assert orders.assignment == {("orders", 0)}
    assert both.assignment == {("orders", 1), ("payments", 0), ("payments", 1)}


async def test_using_a_bus_or_consumer_before_start_is_an_error() -> None:
    bus = InMemoryBus()
    with pytest.raises(RuntimeError):
        await bus.publish([Message("t", "k", b"v")])
    await bus.start()
    with pytest.raises(RuntimeError):
        await bus.consumer("g", ["t"]).poll()


async def test_stopping_the_bus_stops_its_consumers() -> None:
    bus = await started()
    consumer = bus.consumer("g", ["t"])
    await consumer.start()
    await bus.stop()
    with pytest.raises(RuntimeError):
        await consumer.poll()


def test_record_header_returns_the_last_value_or_none() -> None:
    record = Record("t", 0, 0, "k", b"v", (("a", b"1"), ("b", b"2"), ("a", b"3")))
    assert (record.header("a"), record.header("b"), record.header("c")) == (b"3", b"2", None)
