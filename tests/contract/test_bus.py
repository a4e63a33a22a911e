"""The bus contract, run against every adapter: in memory, the durable SQLite bus, and Kafka (tansu
on loopback).

Tests that must show "nothing old comes back" publish everything on one key, so it all sits in
one partition, then publish a sentinel on the same key: per-partition order means anything
redelivered would arrive before the sentinel. No test waits on a clock to prove an absence.
"""

from collections import Counter

import pytest

from shared.bus import Bus, ConsumerWorker, Message, Record, RetryPolicy
from tests.support.kafka import poll_until, run_until, unique


def content(records: list[Record]) -> Counter[tuple[str, bytes, tuple[tuple[str, bytes], ...]]]:
    return Counter((r.key, r.value, r.headers) for r in records)


def positions(records: list[Record]) -> list[tuple[int, int]]:
    return sorted((r.partition, r.offset) for r in records)


async def no_sleep(delay: float) -> None:
    return None


async def test_published_messages_are_consumed_once_with_key_value_and_headers(bus: Bus) -> None:
    topic = unique("intact")
    sent = [
        Message(topic, f"stream-{i}", b"payload %d" % i, (("event-id", b"e%d" % i), ("v", b"1")))
        for i in range(20)
    ]
    await bus.publish(sent)
    consumer = bus.consumer(unique("group"), [topic])
    await consumer.start()
    received = await poll_until(consumer, len(sent))
    received += await consumer.poll()
    assert content(received) == Counter((m.key, m.value, m.headers) for m in sent)


async def test_a_consumer_subscribed_before_the_topic_exists_gets_later_messages(bus: Bus) -> None:
    topic = unique("later")
    consumer = bus.consumer(unique("group"), [topic])
    await consumer.start()
    await bus.publish([Message(topic, "stream-1", b"first")])
    assert [r.value for r in await poll_until(consumer, 1)] == [b"first"]


async def test_order_per_key_is_kept_across_interleaved_keys(bus: Bus) -> None:
    topic = unique("order")
    sent = [Message(topic, f"stream-{k}", b"%d" % i) for i in range(25) for k in range(8)]
    for chunk in range(0, len(sent), 50):
        await bus.publish(sent[chunk : chunk + 50])
    consumer = bus.consumer(unique("group"), [topic])
    await consumer.start()
    received = await poll_until(consumer, len(sent))
    per_key: dict[str, list[bytes]] = {}
    for record in received:
        per_key.setdefault(record.key, []).append(record.value)
    assert per_key == {f"stream-{k}": [b"%d" % i for i in range(25)] for k in range(8)}


async def test_records_handled_but_not_committed_are_delivered_again(bus: Bus) -> None:
    topic, group = unique("redeliver"), unique("group")
    await bus.publish([Message(topic, "stream-1", b"%d" % i) for i in range(3)])
    first = bus.consumer(group, [topic])
    await first.start()
    handled = await poll_until(first, 3)  # ...and the handler's DB transaction committed
    await first.stop()  # the process dies before committing the offsets
    second = bus.consumer(group, [topic])
    await second.start()
    again = await poll_until(second, 3)
    assert positions(again) == positions(handled)
    assert [r.value for r in again] == [b"0", b"1", b"2"]


async def test_every_group_gets_every_message(bus: Bus) -> None:
    topic = unique("fanout")
    sent = [Message(topic, f"stream-{i}", b"%d" % i) for i in range(10)]
    await bus.publish(sent)
    groups = [bus.consumer(unique("group"), [topic]) for _ in range(2)]
    for consumer in groups:
        await consumer.start()
    for consumer in groups:
        received = await poll_until(consumer, len(sent))
        assert content(received) == Counter((m.key, m.value, ()) for m in sent)


async def test_committed_offsets_survive_the_consumer(bus: Bus) -> None:
    topic, group = unique("commit"), unique("group")
    await bus.publish([Message(topic, "stream-1", b"%d" % i) for i in range(5)])
    first = bus.consumer(group, [topic])
    await first.start()
    await first.commit(await poll_until(first, 5))
    await first.stop()
    await bus.publish([Message(topic, "stream-1", b"sentinel")])
    second = bus.consumer(group, [topic])
    await second.start()
    assert [r.value for r in await poll_until(second, 1)] == [b"sentinel"]


async def test_lag_counts_what_the_group_has_not_committed(bus: Bus) -> None:
    topic, group = unique("lag"), unique("group")
    await bus.publish([Message(topic, "stream-1", b"%d" % i) for i in range(3)])
    consumer = bus.consumer(group, [topic])
    await consumer.start()
    received = await poll_until(consumer, 3)
    assert (await consumer.progress()).lag == 3  # polled is not done
    await consumer.commit(received[:2])
    progress = await consumer.progress()
    assert (progress.lag, progress.end - progress.committed) == (1, 1)


async def test_poison_message_goes_to_the_dead_letter_topic_with_its_error(bus: Bus) -> None:
    topic = unique("poison")
    await bus.publish([Message(topic, "stream-1", b"poison", (("event-id", b"e-1"),))])
    tried: list[Record] = []

    async def handle(record: Record) -> None:
        tried.append(record)
        await reject_poison(record)

    consumer = bus.consumer(unique("group"), [topic])
    await consumer.start()
    await run_until(ConsumerWorker(bus, consumer, handle, RetryPolicy(3), no_sleep), 1)
    dlq = bus.consumer(unique("dlq-reader"), [f"{topic}.dlq"])
    await dlq.start()
    [dead] = await poll_until(dlq, 1)
    assert len(tried) == 3
    assert (dead.key, dead.value, dead.header("event-id")) == ("stream-1", b"poison", b"e-1")
    assert dead.header("error") == b"ValueError: cannot parse poison"
    assert dead.header("dlq-source-topic") == topic.encode()
    assert dead.header("dlq-source-partition") == b"%d" % tried[0].partition
    assert dead.header("dlq-source-offset") == b"0"


async def test_poison_message_does_not_block_its_partition(bus: Bus) -> None:
    topic, group = unique("poison"), unique("group")
    await bus.publish([Message(topic, "stream-1", value) for value in (b"a", b"poison", b"b")])
    handled: list[bytes] = []

    async def handle(record: Record) -> None:
        await reject_poison(record)
        handled.append(record.value)

    consumer = bus.consumer(group, [topic])
    await consumer.start()
    await run_until(ConsumerWorker(bus, consumer, handle, RetryPolicy(3), no_sleep), 3)
    await consumer.stop()
    await bus.publish([Message(topic, "stream-1", b"sentinel")])
    after = bus.consumer(group, [topic])
    await after.start()
    assert handled == [b"a", b"b"]
    assert [r.value for r in await poll_until(after, 1)] == [b"sentinel"]


async def reject_poison(record: Record) -> None:
    if record.value == b"poison":
        raise ValueError("cannot parse poison")

