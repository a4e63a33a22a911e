"""The in-process bus: the embedded default, with the same contract as Kafka.

Topics are created on first use with a fixed number of partitions; a key picks its partition by
a stable hash. Each consumer group keeps committed offsets per (topic, partition) and divides a
topic's partitions among its started members, re-dividing whenever a member starts or stops.
Nothing runs in the background: every state change happens inside a call, so the order of calls
alone decides what each consumer sees (tests drain it deterministically with `drain`).
"""

import asyncio
import zlib
from collections.abc import Sequence

from shared.bus.port import Message, Record

TopicPartition = tuple[str, int]


def partition_for(key: str, partitions: int) -> int:
    """CRC-32 rather than hash(): Python salts str hashes per process, and a key must land in the
    same partition in every process and every run."""
    return zlib.crc32(key.encode()) % partitions


class InMemoryBus:
    def __init__(self, partitions: int = 4) -> None:
        if partitions < 1:
            raise ValueError("partitions must be at least 1")
        self._partitions = partitions
        self._logs: dict[str, list[list[Record]]] = {}
        self._committed: dict[tuple[str, TopicPartition], int] = {}
        self._members: dict[str, list[InMemoryConsumer]] = {}
        self._changed = asyncio.Condition()
        self._started = False

    async def start(self) -> None:
        self._started = True

    async def stop(self) -> None:
        for members in list(self._members.values()):
            for member in list(members):
                await member.stop()
        self._started = False

    async def publish(self, messages: Sequence[Message]) -> None:
        self._require_started()
        for message in messages:
            log = self._log(message.topic)
            partition = partition_for(message.key, self._partitions)
            offset = len(log[partition])
            log[partition].append(
                Record(
                    message.topic,
                    partition,
                    offset,
                    message.key,
                    message.value,
                    message.headers,
                )
            )
        await self._notify()

    def consumer(self, group: str, topics: Sequence[str]) -> "InMemoryConsumer":
        return InMemoryConsumer(self, group, tuple(topics))

    def _require_started(self) -> None:
        if not self._started:
            raise RuntimeError("InMemoryBus is not started")

    def _log(self, topic: str) -> list[list[Record]]:
        if topic not in self._logs:
            self._logs[topic] = [[] for _ in range(self._partitions)]
        return self._logs[topic]

    def _records(self, tp: TopicPartition, start: int, limit: int) -> list[Record]:
        topic, partition = tp
        return self._log(topic)[partition][start : start + limit]

    def _end_offset(self, tp: TopicPartition) -> int:
        topic, partition = tp
        return len(self._log(topic)[partition])

    def _committed_offset(self, group: str, tp: TopicPartition) -> int:
        return self._committed.get((group, tp), 0)

    def _commit(self, group: str, tp: TopicPartition, offset: int) -> None:
        self._committed[(group, tp)] = offset

    async def _join(self, member: "InMemoryConsumer") -> None:
        self._require_started()
        self._members.setdefault(member.group, []).append(member)
        self._rebalance(member.group)
        await self._notify()

    async def _leave(self, member: "InMemoryConsumer") -> None:
        self._members[member.group].remove(member)
        self._rebalance(member.group)
        await self._notify()

    def _rebalance(self, group: str) -> None:
        """Round-robin each topic's partitions over its subscribers, in the order they joined."""
        members = self._members.get(group, [])
        shares: dict[InMemoryConsumer, list[TopicPartition]] = {m: [] for m in members}
        for topic in sorted({topic for m in members for topic in m.topics}):
            subscribers = [m for m in members if topic in m.topics]
            for partition in range(len(self._log(topic))):
                shares[subscribers[partition % len(subscribers)]].append((topic, partition))
        for member, share in shares.items():
            member._assign(share)

    async def _notify(self) -> None:
        async with self._changed:
            self._changed.notify_all()


class InMemoryConsumer:
    def __init__(self, bus: InMemoryBus, group: str, topics: tuple[str, ...]) -> None:
        self._bus = bus
        self.group = group
        self.topics = topics
        self._positions: dict[TopicPartition, int] = {}
        self._cursor = 0
        self._running = False

    @property
    def assignment(self) -> frozenset[TopicPartition]:
        return frozenset(self._positions)

    async def start(self) -> None:
        if self._running:
            return
        await self._bus._join(self)
        self._running = True

    async def stop(self) -> None:
        """Leave the group; what was polled and not committed goes to the next owner."""
        if not self._running:
            return
        self._running = False
        self._positions = {}
        await self._bus._leave(self)

    async def poll(self, max_records: int = 100, timeout: float = 0.0) -> list[Record]:
        self._require_running()
        records = self._take(max_records)
        if records or timeout <= 0:
            return records
        changed = self._bus._changed
        async with changed:
            try:
                await asyncio.wait_for(changed.wait_for(self._wakes), timeout)
            except TimeoutError:
                return []
        return self._take(max_records) if self._running else []

    async def commit(self, records: Sequence[Record]) -> None:
        self._require_running()
        last: dict[TopicPartition, int] = {}
        for record in records:
            last[(record.topic, record.partition)] = record.offset + 1
        for tp, offset in last.items():
            if tp in self._positions:
                self._bus._commit(self.group, tp, offset)

    def _assign(self, partitions: list[TopicPartition]) -> None:
        """Kept partitions keep their position; new ones resume at the group's committed offset."""
        self._positions = {
            tp: self._positions.get(tp, self._bus._committed_offset(self.group, tp))
            for tp in partitions
        }

    def _take(self, max_records: int) -> list[Record]:
        # Start each poll at the next partition so a busy partition cannot starve the others.
        owned = sorted(self._positions)
        if not owned:
            return []
        start = self._cursor % len(owned)
        self._cursor += 1
        records: list[Record] = []
        for tp in owned[start:] + owned[:start]:
            chunk = self._bus._records(tp, self._positions[tp], max_records - len(records))
            self._positions[tp] += len(chunk)
            records.extend(chunk)
        return records

    def _wakes(self) -> bool:
        if not self._running:
            return True
        return any(self._bus._end_offset(tp) > pos for tp, pos in self._positions.items())

    def _require_running(self) -> None:
        if not self._running:
            raise RuntimeError(f"consumer of group {self.group!r} is not started")
