"""The bus port: what services publish and consume, independent of the engine behind it.

Three adapters implement it with the same contract (tests/contract/test_bus.py): `SqliteBus`
(the embedded default: in-process, durable in one file), `InMemoryBus` (for tests) and
`KafkaBus`. The contract is Kafka's: topics split into partitions by key, consumer groups sharing
the partitions, offsets committed explicitly by the consumer, at-least-once delivery and per-key
order. Exactly-once effects are the consumer's job
(inbox row in the same transaction as its effects, offset committed after the DB commit).
"""

from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from typing import Protocol

Headers = tuple[tuple[str, bytes], ...]


@dataclass(frozen=True)
class Message:
    """A message to publish. The key picks the partition, so one key keeps its order."""

    topic: str
    key: str
    value: bytes
    headers: Headers = ()


@dataclass(frozen=True)
class Record:
    """A consumed message and where it sits in the log."""

    topic: str
    partition: int
    offset: int
    key: str
    value: bytes
    headers: Headers = ()

    def header(self, name: str) -> bytes | None:
        """The value of header `name`; Kafka allows repeats, and the last one wins."""
        found = None
        for key, value in self.headers:
            if key == name:
                found = value
        return found


@dataclass(frozen=True)
class Progress:
    """Summed over a member's partitions. `end` grows with every publish and `committed` with
    every commit, so a reading that shows both unchanged and equal twice means nothing moved."""

    committed: int = 0
    end: int = 0

    @property
    def lag(self) -> int:
        return max(0, self.end - self.committed)


class Consumer(Protocol):
    """One member of a consumer group.

    `start` joins the group; the group's partitions are divided among its started members.
    `stop` leaves the group without committing anything: for offsets it behaves like a crash, so
    whatever was polled but not committed is delivered again to the next owner of the partition.
    """

    async def start(self) -> None: ...

    async def stop(self) -> None: ...

    async def poll(self, max_records: int = 100, timeout: float = 0.0) -> list[Record]: ...

    async def commit(self, records: Sequence[Record]) -> None:
        """Commit offset+1 of the last given record per partition, for partitions still assigned.

        Records of a partition this member lost in a rebalance are skipped: their new owner
        starts again from the last committed offset (at-least-once, never a lost record).
        """
        ...

    async def progress(self) -> Progress:
        """Where this member's partitions stand: their end offsets and its group's commits."""
        ...


class Bus(Protocol):
    async def start(self) -> None: ...

    async def stop(self) -> None: ...

    async def publish(self, messages: Sequence[Message]) -> None:
        """Return only once the broker acknowledged every message.

        Messages with the same key land in one partition in the order given.
        """
        ...

    def consumer(self, group: str, topics: Sequence[str]) -> Consumer: ...


Handler = Callable[[Record], Awaitable[None]]
BatchHandler = Callable[[Sequence[Record]], Awaitable[None]]
"""Applies a whole poll in few database transactions, or raises having applied at most a prefix
of it; the worker then falls back to one record at a time, and the handler's inbox passes over
what was applied already."""
