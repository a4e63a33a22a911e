"""Consumer-group balancing, against every adapter: members of one group share the partitions.

With Kafka (tansu) each rebalance costs a few seconds, hence a file of its own.
"""

import time
from collections.abc import AsyncIterator

import pytest

from shared.bus import Bus, Consumer, Message, Record
from tests.support.kafka import BUSES, bus_adapter, poll_until, unique


@pytest.fixture(params=BUSES)
async def bus(request: pytest.FixtureRequest) -> AsyncIterator[Bus]:
    adapter = bus_adapter(request)
    await adapter.start()
    try:
        yield adapter
    finally:
        await adapter.stop()


async def start_members(bus: Bus, group: str, topic: str, count: int) -> list[Consumer]:
    members = [bus.consumer(group, [topic]) for _ in range(count)]
    for member in members:
        await member.start()
    return members


async def poll_all(members: list[Consumer], count: int) -> list[list[Record]]:
    """Poll the members in turn until together they hold `count` records."""
    deadline = time.monotonic() + 30
    shares: list[list[Record]] = [[] for _ in members]
    while sum(map(len, shares)) < count:
        if time.monotonic() > deadline:
            pytest.fail(f"members got {[len(s) for s in shares]} of {count} records in 30s")
        for share, member in zip(shares, members):
            share += await member.poll(timeout=0.1)
    return shares


def keys(records: list[Record]) -> set[str]:
    return {r.key for r in records}


async def test_members_of_a_group_split_the_partitions(bus: Bus) -> None:
    topic = unique("split")
    members = await start_members(bus, unique("group"), topic, 2)
    sent = [Message(topic, f"stream-{i}", b"x") for i in range(40)]
    await bus.publish(sent)
    first, second = await poll_all(members, len(sent))
    assert first and second
    assert keys(first).isdisjoint(keys(second))
    assert keys(first) | keys(second) == {m.key for m in sent}
    assert len(first) + len(second) == len(sent)


async def test_a_leaving_member_hands_its_uncommitted_records_to_the_rest(bus: Bus) -> None:
    topic = unique("handover")
    staying, leaving = await start_members(bus, unique("group"), topic, 2)
    sent = [Message(topic, f"stream-{i}", b"x") for i in range(40)]
    await bus.publish(sent)
    kept, dropped = await poll_all([staying, leaving], len(sent))
    await staying.commit(kept)
    await leaving.stop()
    taken_over = await poll_until(staying, len(dropped))
    assert sorted((r.partition, r.offset) for r in taken_over) == sorted(
        (r.partition, r.offset) for r in dropped
    )
