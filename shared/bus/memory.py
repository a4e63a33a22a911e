"""The in-process bus: the Kafka contract in memory, for tests and tools that want no files.

Topics are created on first use with a fixed number of partitions; a key picks its partition by
a stable hash. Nothing runs in the background: every state change happens inside a call, so the
order of calls alone decides what each consumer sees (tests drain it deterministically with
`drain`). Everything is gone with the process: the embedded default runs on the durable
`SqliteBus` instead.
"""

from collections.abc import Mapping, Sequence

from shared.bus.local import LocalBus, LocalConsumer, TopicPartition, partition_for
from shared.bus.port import Message, Record

InMemoryConsumer = LocalConsumer

__all__ = ["InMemoryBus", "InMemoryConsumer", "partition_for"]


class InMemoryBus(LocalBus):
    def __init__(self, partitions: int = 4) -> None:
        if partitions < 1:
            raise ValueError("partitions must be at least 1")
        super().__init__()
        self._partition_count = partitions
        self._logs: dict[str, list[list[Record]]] = {}
        self._committed: dict[tuple[str, TopicPartition], int] = {}

    async def start(self) -> None:
        self._started = True

    async def stop(self) -> None:
        await self._stop_members()
        self._started = False

    async def publish(self, messages: Sequence[Message]) -> None:
        self._require_started()
        for message in messages:
            log = self._log(message.topic)
            partition = partition_for(message.key, self._partition_count)
            offset = len(log[partition])
            log[partition].append(
                Record(message.topic, partition, offset, message.key, message.value, message.headers)
            )
        await self._notify()

    def _log(self, topic: str) -> list[list[Record]]:
        if topic not in self._logs:
            self._logs[topic] = [[] for _ in range(self._partition_count)]
        return self._logs[topic]

    def _partitions(self, topic: str) -> int:
        return len(self._log(topic))

    async def _records(self, tp: TopicPartition, start: int, limit: int) -> list[Record]:
        topic, partition = tp
        return self._log(topic)[partition][start : start + limit]

    def _end_offset(self, tp: TopicPartition) -> int:
        topic, partition = tp
        return len(self._log(topic)[partition])

    def _committed_offset(self, group: str, tp: TopicPartition) -> int:
        return self._committed.get((group, tp), 0)

    async def _commit(self, group: str, offsets: Mapping[TopicPartition, int]) -> None:
        for tp, offset in offsets.items():
            self._committed[(group, tp)] = offset
