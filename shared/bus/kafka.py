"""The Kafka bus (aiokafka): the distributed engine behind the same port as `InMemoryBus`.

Producer: idempotent with acks="all" by default, because aiokafka's own defaults are acks=1 and
no idempotence (performance-reliability.md §2.1). aiokafka keeps one request in flight per
partition, so a retried batch cannot overtake a later one and per-key order survives retries.

Consumer: no auto-commit, offsets committed as explicit {partition: offset} maps and only for
partitions still assigned. A bare `commit()` would commit whatever the background rebalance left
assigned at that moment (aiokafka issue #933, §2.3).
"""

import asyncio
from collections.abc import Sequence
from dataclasses import dataclass

import structlog
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, ConsumerRecord, TopicPartition
from aiokafka.errors import CommitFailedError, IllegalStateError
from aiokafka.structs import OffsetAndMetadata

from shared.bus.port import Message, Progress, Record

log = structlog.get_logger(__name__)


@dataclass(frozen=True)
class KafkaSettings:
    bootstrap_servers: str
    client_id: str = "happyflow"
    # Stops duplicates from the producer's own retries; needs acks="all". Brokers that cannot
    # hand out producer ids (tansu with in-memory storage) need it off.
    enable_idempotence: bool = True
    acks: str | int = "all"
    request_timeout_ms: int = 30_000
    retry_backoff_ms: int = 100
    # A new member waits for the group join, and a member that vanished without leaving holds its
    # partitions, for about this long; tests lower it.
    session_timeout_ms: int = 10_000
    heartbeat_interval_ms: int = 3_000
    max_poll_interval_ms: int = 300_000
    # How soon a subscriber notices a topic created after it subscribed.
    metadata_max_age_ms: int = 300_000
    # The largest record produced and fetched: a routed message carries its XML, up to OP179's
    # 25 MB (more when JSON escapes it). Kafka's 1 MB default kept the relay retrying a 1.7 MB
    # JW323 forever, and every event after it waited. The broker must allow as much
    # (message.max.bytes; deploy/compose.yaml sets it).
    max_message_bytes: int = 64 * 1024 * 1024
    # How long the broker holds a fetch that finds nothing new. A record published meanwhile may
    # wait for the hold to end (tansu answers a held fetch only then): with Kafka's 500 ms a
    # record took 112 ms on average to reach an idle consumer, up to 253 ms, at every hop of a
    # declaration's way (gateway -> invoicing -> gateway); with 100 ms, 25 ms on average. The
    # price is more empty fetches while idle: a process's five idle consumers used 1.25 % of a
    # core instead of 0.5 %.
    fetch_max_wait_ms: int = 100

    def __post_init__(self) -> None:
        if self.enable_idempotence and self.acks not in ("all", -1):
            raise ValueError("enable_idempotence requires acks='all'")
        if self.heartbeat_interval_ms >= self.session_timeout_ms:
            raise ValueError("heartbeat_interval_ms must be below session_timeout_ms")


class KafkaBus:
    def __init__(self, settings: KafkaSettings) -> None:
        self._settings = settings
        self._producer: AIOKafkaProducer | None = None
        self._consumers: set[KafkaConsumer] = set()

    async def start(self) -> None:
        if self._producer is not None:
            return
        s = self._settings
        producer = AIOKafkaProducer(
            bootstrap_servers=s.bootstrap_servers,
            client_id=s.client_id,
            acks=s.acks,
            enable_idempotence=s.enable_idempotence,
            request_timeout_ms=s.request_timeout_ms,
            retry_backoff_ms=s.retry_backoff_ms,
            metadata_max_age_ms=s.metadata_max_age_ms,
            max_request_size=s.max_message_bytes,
        )
        try:
            await producer.start()
        except BaseException:
            await producer.stop()
            raise
        self._producer = producer

    async def stop(self) -> None:
        for consumer in list(self._consumers):
            await consumer.stop()
        if self._producer is not None:
            producer, self._producer = self._producer, None
            await producer.stop()

    async def publish(self, messages: Sequence[Message]) -> None:
        if self._producer is None:
            raise RuntimeError("KafkaBus is not started")
        # send() only queues in call order; awaiting every delivery future afterwards lets
        # aiokafka batch the lot while still returning only after every acknowledgement.
        pending: list[asyncio.Future[object]] = []
        try:
            for message in messages:
                pending.append(
                    await self._producer.send(
                        message.topic,
                        message.value,
                        key=message.key.encode(),
                        headers=list(message.headers),
                    )
                )
        finally:
            results = await asyncio.gather(*pending, return_exceptions=True)
        for result in results:
            if isinstance(result, BaseException):
                raise result

    def consumer(self, group: str, topics: Sequence[str]) -> "KafkaConsumer":
        return KafkaConsumer(self._settings, group, tuple(topics), self._consumers)


class KafkaConsumer:
    def __init__(
        self,
        settings: KafkaSettings,
        group: str,
        topics: tuple[str, ...],
        running: set["KafkaConsumer"],
    ) -> None:
        self._settings = settings
        self.group = group
        self.topics = topics
        self._running = running
        self._consumer: AIOKafkaConsumer | None = None
        self._committed: dict[TopicPartition, int] = {}
        """The group's offsets for this member's partitions: nobody else commits them meanwhile."""

    async def start(self) -> None:
        if self._consumer is not None:
            return
        s = self._settings
        consumer = AIOKafkaConsumer(
            *self.topics,
            bootstrap_servers=s.bootstrap_servers,
            client_id=s.client_id,
            group_id=self.group,
            enable_auto_commit=False,
            auto_offset_reset="earliest",
            session_timeout_ms=s.session_timeout_ms,
            heartbeat_interval_ms=s.heartbeat_interval_ms,
            max_poll_interval_ms=s.max_poll_interval_ms,
            metadata_max_age_ms=s.metadata_max_age_ms,
            retry_backoff_ms=s.retry_backoff_ms,
            max_partition_fetch_bytes=s.max_message_bytes,
            fetch_max_bytes=s.max_message_bytes,
            fetch_max_wait_ms=s.fetch_max_wait_ms,
        )
        try:
            await consumer.start()
        except BaseException:
            await consumer.stop()
            raise
        self._consumer = consumer
        self._running.add(self)

    async def stop(self) -> None:
        """Leave the group. Auto-commit is off, so nothing pending is committed on the way out."""
        if self._consumer is None:
            return
        consumer, self._consumer = self._consumer, None
        self._running.discard(self)
        self._committed.clear()
        await consumer.stop()

    async def poll(self, max_records: int = 100, timeout: float = 0.0) -> list[Record]:
        batches = await self._require_started().getmany(
            timeout_ms=int(timeout * 1000), max_records=max_records
        )
        return [_record(r) for records in batches.values() for r in records]

    async def commit(self, records: Sequence[Record]) -> None:
        consumer = self._require_started()
        last: dict[TopicPartition, OffsetAndMetadata] = {}
        for record in records:
            tp = TopicPartition(record.topic, record.partition)
            last[tp] = OffsetAndMetadata(record.offset + 1, "")
        assigned = consumer.assignment()
        offsets = {tp: offset for tp, offset in last.items() if tp in assigned}
        if len(offsets) < len(last):
            skipped = len(last) - len(offsets)
            log.info("bus.commit_skipped_revoked", group=self.group, partitions=skipped)
        if not offsets:
            return
        try:
            await consumer.commit(offsets)
            self._committed.update({tp: offset.offset for tp, offset in offsets.items()})
        except (CommitFailedError, IllegalStateError) as exc:
            # The group rebalanced between assignment() and the commit. The partitions' new
            # owner restarts at the last committed offset: a redelivery, which the inbox absorbs.
            log.warning("bus.commit_lost_to_rebalance", group=self.group, error=str(exc))

    async def progress(self) -> Progress:
        """From what this member knows, so that a status page costs no round trips once the
        group's offsets are known: its own commits (nobody else commits its partitions meanwhile),
        and the high watermark of its latest fetch (the fetcher keeps long-polling, 0.5 s at most,
        every partition whose records it has handed out). Listing the ends at the broker instead
        took 0.3-1.8 s a service."""
        consumer = self._require_started()
        assigned = consumer.assignment()
        for tp in [tp for tp in self._committed if tp not in assigned]:
            del self._committed[tp]
        unknown = [tp for tp in assigned if tp not in self._committed]
        for tp, committed in zip(unknown, await asyncio.gather(*(consumer.committed(tp) for tp in unknown))):
            if committed is None:  # the group never committed here: it starts at the earliest
                committed = (await consumer.beginning_offsets([tp]))[tp]
            self._committed.setdefault(tp, committed)
        unfetched = [tp for tp in assigned if consumer.highwater(tp) is None]
        # tansu 0.6 lists the base offset of a partition's last batch + 1 as its end; it still
        # grows with every publish, and the fetch's high watermark replaces it soon.
        listed = await consumer.end_offsets(unfetched) if unfetched else {}
        end = sum(listed[tp] if tp in listed else consumer.highwater(tp) for tp in assigned)
        return Progress(sum(self._committed[tp] for tp in assigned), end)

    def _require_started(self) -> AIOKafkaConsumer:
        if self._consumer is None:
            raise RuntimeError(f"consumer of group {self.group!r} is not started")
        return self._consumer


def _record(r: ConsumerRecord) -> Record:
    return Record(
        topic=r.topic,
        partition=r.partition,
        offset=r.offset,
        key=r.key.decode() if r.key is not None else "",
        value=r.value if r.value is not None else b"",
        headers=tuple((name, value or b"") for name, value in r.headers),
    )
