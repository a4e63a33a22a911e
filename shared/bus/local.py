"""Consumer groups inside one process, over any log this process alone writes: the part the
in-memory bus and the durable SQLite bus share.

Each consumer group keeps a committed offset per (topic, partition) and divides a topic's
partitions among its started members, re-dividing whenever a member starts or stops. The log
behind it says where each partition ends and hands out records; the end offsets are known in
memory (this process is the only writer), so a poll with nothing to read costs no I/O, and a
waiting poll wakes on an in-process condition when something is published.
"""

from __future__ import annotations

import asyncio
import zlib
from collections.abc import Mapping, Sequence

from shared.bus.port import Progress, Record

TopicPartition = tuple[str, int]


def partition_for(key: str, partitions: int) -> int:
    """CRC-32 rather than hash(): Python salts str hashes per process, and a key must land in the
    same partition in every process and every run."""
    return zlib.crc32(key.encode()) % partitions


class LocalBus:
    """Group membership and wake-ups; subclasses keep the log and the committed offsets."""

    def __init__(self) -> None:
        self._members: dict[str, list[LocalConsumer]] = {}
        self._changed = asyncio.Condition()
        self._started = False

    def consumer(self, group: str, topics: Sequence[str]) -> LocalConsumer:
        return LocalConsumer(self, group, tuple(topics))

    async def _stop_members(self) -> None:
        for members in list(self._members.values()):
            for member in list(members):
                await member.stop()

    def _require_started(self) -> None:
        if not self._started:
            raise RuntimeError(f"{type(self).__name__} is not started")

    def _partitions(self, topic: str) -> int:
        """How many partitions `topic` has; a topic comes into being the first time it is named."""
        raise NotImplementedError

    def _end_offset(self, tp: TopicPartition) -> int:
        raise NotImplementedError

    def _committed_offset(self, group: str, tp: TopicPartition) -> int:
        raise NotImplementedError

    async def _records(self, tp: TopicPartition, start: int, limit: int) -> list[Record]:
        raise NotImplementedError

    async def _commit(self, group: str, offsets: Mapping[TopicPartition, int]) -> None:
        raise NotImplementedError

    async def _joined(self, group: str, partitions: Sequence[TopicPartition]) -> None:
        """A member of `group` subscribed to these partitions (a durable log remembers the group)."""

    async def _join(self, member: LocalConsumer) -> None:
        self._require_started()
        await self._joined(member.group, [(t, p) for t in member.topics for p in range(self._partitions(t))])
        self._members.setdefault(member.group, []).append(member)
        self._rebalance(member.group)
        await self._notify()

    async def _leave(self, member: LocalConsumer) -> None:
        self._members[member.group].remove(member)
        self._rebalance(member.group)
        await self._notify()

    def _rebalance(self, group: str) -> None:
        """Round-robin each topic's partitions over its subscribers, in the order they joined."""
        members = self._members.get(group, [])
        shares: dict[LocalConsumer, list[TopicPartition]] = {m: [] for m in members}
        for topic in sorted({topic for m in members for topic in m.topics}):
            subscribers = [m for m in members if topic in m.topics]
            for partition in range(self._partitions(topic)):
                shares[subscribers[partition % len(subscribers)]].append((topic, partition))
        for member, share in shares.items():
            member._assign(share)

    async def _notify(self) -> None:
        async with self._changed:
            self._changed.notify_all()


class LocalConsumer:
    def __init__(self, bus: LocalBus, group: str, topics: tuple[str, ...]) -> None:
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
        records = await self._take(max_records)
        if records or timeout <= 0:
            return records
        changed = self._bus._changed
        async with changed:
            try:
                await asyncio.wait_for(changed.wait_for(self._wakes), timeout)
            except TimeoutError:
                return []
        return await self._take(max_records) if self._running else []

    async def commit(self, records: Sequence[Record]) -> None:
        self._require_running()
        last: dict[TopicPartition, int] = {}
        for record in records:
            last[(record.topic, record.partition)] = record.offset + 1
        owned = {tp: offset for tp, offset in last.items() if tp in self._positions}
        if owned:
            await self._bus._commit(self.group, owned)

    async def progress(self) -> Progress:
        self._require_running()
        return Progress(sum(self._bus._committed_offset(self.group, tp) for tp in self._positions),
                        sum(self._bus._end_offset(tp) for tp in self._positions))

    def _assign(self, partitions: list[TopicPartition]) -> None:
        """Kept partitions keep their position; new ones resume at the group's committed offset."""
        self._positions = {
            tp: self._positions.get(tp, self._bus._committed_offset(self.group, tp))
            for tp in partitions
        }

    async def _take(self, max_records: int) -> list[Record]:
        # Start each poll at the next partition so a busy partition cannot starve the others.
        owned = sorted(self._positions)
        if not owned:
            return []
        start = self._cursor % len(owned)
        self._cursor += 1
        records: list[Record] = []
        for tp in owned[start:] + owned[:start]:
            if len(records) >= max_records:
                break
            position = self._positions[tp]
            if self._bus._end_offset(tp) <= position:
                continue
            chunk = await self._bus._records(tp, position, max_records - len(records))
            if self._positions.get(tp) == position:  # else a rebalance moved it while reading
                self._positions[tp] = position + len(chunk)
                records.extend(chunk)
        return records

    def _wakes(self) -> bool:
        if not self._running:
            return True
        return any(self._bus._end_offset(tp) > pos for tp, pos in self._positions.items())

    def _require_running(self) -> None:
        if not self._running:
            raise RuntimeError(f"consumer of group {self.group!r} is not started")
