"""ConsumerWorker and drain on the in-memory bus: retries, dead letters, commit timing."""

import asyncio
from collections.abc import Sequence

import pytest

from shared.bus import (
    ConsumerWorker,
    InMemoryBus,
    Message,
    Record,
    RetryPolicy,
    dead_letter,
    drain,
)


class ProcessDied(BaseException):
    """Stands in for a crash: not an Exception, so the worker does not retry it."""


class DeadLetterTopicDown(InMemoryBus):
    async def publish(self, messages: Sequence[Message]) -> None:
        if any(m.topic.endswith(".dlq") for m in messages):
            raise ConnectionError("broker unreachable")
        await super().publish(messages)


async def started(bus: InMemoryBus | None = None) -> InMemoryBus:
    bus = bus or InMemoryBus(partitions=1)
    await bus.start()
    return bus


async def values_left_for(bus: InMemoryBus, group: str, topic: str = "t") -> list[bytes]:
    consumer = bus.consumer(group, [topic])
    await consumer.start()
    return [r.value for r in await consumer.poll()]


def test_retry_delay_doubles_and_is_capped() -> None:
    policy = RetryPolicy(attempts=6, base_delay=0.5, max_delay=3.0)
    assert [policy.delay(n) for n in range(1, 6)] == [0.5, 1.0, 2.0, 3.0, 3.0]


async def test_a_failing_handler_is_retried_with_back_off_until_it_succeeds() -> None:
    bus = await started()
    await bus.publish([Message("t", "k", b"v")])
    failures, slept = [ValueError("db busy"), ValueError("db busy")], []

    async def handle(record: Record) -> None:
        if failures:
            raise failures.pop()

    async def sleep(delay: float) -> None:
        slept.append(delay)

    consumer = bus.consumer("g", ["t"])
    await consumer.start()
    assert await ConsumerWorker(bus, consumer, handle, sleep=sleep).run_once() == 1
    assert slept == [0.05, 0.1]
    assert await values_left_for(bus, "g") == []
    assert await values_left_for(bus, "dlq-reader", "t.dlq") == []


async def test_records_handled_before_a_crash_are_committed_and_the_rest_are_not() -> None:
    bus = await started()
    await bus.publish([Message("t", "k", value) for value in (b"a", b"crash", b"c")])

    async def handle(record: Record) -> None:
        if record.value == b"crash":
            raise ProcessDied

    consumer = bus.consumer("g", ["t"])
    await consumer.start()
    with pytest.raises(ProcessDied):
        await ConsumerWorker(bus, consumer, handle).run_once()
    await consumer.stop()
    assert await values_left_for(bus, "g") == [b"crash", b"c"]


async def test_a_record_whose_dead_letter_was_not_acknowledged_is_not_committed() -> None:
    bus = await started(DeadLetterTopicDown(partitions=1))
    await bus.publish([Message("t", "k", b"poison")])

    async def handle(record: Record) -> None:
        raise ValueError("bad")

    consumer = bus.consumer("g", ["t"])
    await consumer.start()
    worker = ConsumerWorker(bus, consumer, handle, RetryPolicy(attempts=1))
    with pytest.raises(ConnectionError):
        await worker.run_once()
    await consumer.stop()
    assert await values_left_for(bus, "g") == [b"poison"]


def test_dead_letter_replaces_the_context_of_an_earlier_dead_letter() -> None:
    record = Record("t.dlq", 2, 9, "k", b"v", (("event-id", b"e"), ("error", b"old")))
    message = dead_letter(record, KeyError("x"))
    assert message.topic == "t.dlq.dlq"
    assert message.headers == (
        ("event-id", b"e"),
        ("error", b"KeyError: 'x'"),
        ("dlq-source-topic", b"t.dlq"),
        ("dlq-source-partition", b"2"),
        ("dlq-source-offset", b"9"),
    )


async def test_run_forever_returns_once_stop_is_set() -> None:
    bus = await started()
    await bus.publish([Message("t", "k", b"v")])
    stop, seen = asyncio.Event(), []

    async def handle(record: Record) -> None:
        seen.append(record.value)
        stop.set()

    consumer = bus.consumer("g", ["t"])
    await consumer.start()
    await ConsumerWorker(bus, consumer, handle).run_forever(stop)
    assert seen == [b"v"]


async def test_drain_follows_a_chain_of_handlers_until_nothing_is_left() -> None:
    bus = await started()
    await bus.publish([Message("first", f"k{i}", b"x") for i in range(3)])
    arrived: list[Record] = []

    async def forward(record: Record) -> None:
        await bus.publish([Message("second", record.key, record.value)])

    async def collect(record: Record) -> None:
        arrived.append(record)

    workers = []
    for topic, handler in (("second", collect), ("first", forward)):
        consumer = bus.consumer("g", [topic])
        await consumer.start()
        workers.append(ConsumerWorker(bus, consumer, handler))
    assert await drain(workers) == 6
    assert sorted(r.key for r in arrived) == ["k0", "k1", "k2"]


async def test_drain_fails_loudly_when_handlers_never_settle() -> None:
    bus = await started()
    await bus.publish([Message("t", "k", b"x")])

    async def echo(record: Record) -> None:
        await bus.publish([Message("t", record.key, record.value)])

    consumer = bus.consumer("g", ["t"])
    await consumer.start()
    with pytest.raises(RuntimeError, match="did not drain"):
        await drain([ConsumerWorker(bus, consumer, echo)], max_rounds=5)
