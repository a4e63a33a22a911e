"""The durable in-process bus: the embedded default's engine behind the Kafka contract.

The log and every group's committed offsets live in one SQLite file next to the services'
databases (`var/bus.db`), so what the in-memory bus lost with the process survives a kill:
`publish` returns only once its records are on disk, which makes the relay's "marked published
only after the broker acknowledged" true in the embedded default too, and a consumer started
again resumes at its group's committed offset, as with Kafka. Groups, partitions by key,
at-least-once and per-key order work as in `InMemoryBus` (shared code in local.py).

One process owns the file: it keeps the end offsets in memory and wakes waiting polls itself,
and holds an exclusive lock on `<file>.lock` for as long as the bus runs (the kernel drops the
lock when the process dies, even by SIGKILL). A second process on the same file is refused.

Retention deletes only what every group that ever joined a partition has committed; a partition
no group joined (a dead-letter topic, the events nobody consumes yet) keeps its records for
`retention_days`, as Kafka's default retention does.
"""

from __future__ import annotations

import asyncio
import fcntl
import os
import time
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, TypeVar

from shared.bus import sqlite_log
from shared.bus.local import LocalBus, TopicPartition, partition_for
from shared.bus.port import Message, Record

T = TypeVar("T")


POLL_BYTES = 4 * 1024 * 1024
"""About how many bytes of values one read of a partition hands a poll (at least one record)."""


class BusInUse(RuntimeError):
    """Another process runs a bus on the same file."""


class SqliteBus(LocalBus):
    def __init__(self, path: Path, partitions: int = 4, retention_days: float = 7.0,
                 prune_every_seconds: float = 10.0) -> None:
        if partitions < 1:
            raise ValueError("partitions must be at least 1")
        super().__init__()
        self.path = Path(path)
        self._partition_count = partitions
        self._retention_seconds = retention_days * 86_400
        self._prune_every = prune_every_seconds
        self._last_prune = time.monotonic()
        self._state = sqlite_log.LogState()
        self._publishing = asyncio.Lock()
        self._lock_fd: int | None = None
        self._writer_thread: ThreadPoolExecutor | None = None
        self._reader_thread: ThreadPoolExecutor | None = None
        self._writer: Any = None
        self._reader: Any = None

    async def start(self) -> None:
        if self._started:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._lock_fd = _hold_lock(self.path)
        self._writer_thread = ThreadPoolExecutor(1, thread_name_prefix="bus-writer")
        self._reader_thread = ThreadPoolExecutor(1, thread_name_prefix="bus-reader")
        self._writer = await self._write(sqlite_log.connect, self.path, True)
        self._reader = await self._read(sqlite_log.connect, self.path, False)
        self._state = await self._write(sqlite_log.load, self._writer)
        self._started = True

    async def stop(self) -> None:
        await self._stop_members()
        self._started = False
        if self._writer is not None:
            await self._write(self._writer.close)
            await self._read(self._reader.close)
            self._writer = self._reader = None
        for pool in (self._writer_thread, self._reader_thread):
            if pool is not None:
                pool.shutdown()
        self._writer_thread = self._reader_thread = None
        if self._lock_fd is not None:
            os.close(self._lock_fd)  # closing the descriptor releases the lock
            self._lock_fd = None

    async def publish(self, messages: Sequence[Message]) -> None:
        self._require_started()
        if not messages:
            return
        async with self._publishing:  # offsets are handed out in call order, one batch at a time
            state = self._state
            new_topics = {m.topic: self._partition_count for m in messages if m.topic not in state.partitions}
            ends: dict[TopicPartition, int] = {}
            rows = []
            for m in messages:
                tp = (m.topic, partition_for(m.key, self._partitions(m.topic)))
                offset = ends.get(tp, state.ends.get(tp, 0))
                rows.append((*tp, offset, m.key, m.value, sqlite_log.encode_headers(m.headers)))
                ends[tp] = offset + 1
            await self._write(sqlite_log.append, self._writer, new_topics, rows, ends)
            state.partitions.update(new_topics)
            state.ends.update(ends)
        await self._notify()

    def _partitions(self, topic: str) -> int:
        return self._state.partitions.get(topic, self._partition_count)

    def _end_offset(self, tp: TopicPartition) -> int:
        return self._state.ends.get(tp, 0)

    def _committed_offset(self, group: str, tp: TopicPartition) -> int:
        """A group that never committed starts at the oldest record kept (Kafka's "earliest")."""
        return self._state.committed.get((group, tp), self._state.starts.get(tp, 0))

    async def _records(self, tp: TopicPartition, start: int, limit: int) -> list[Record]:
        return await self._read(sqlite_log.read, self._reader, tp, start, limit, POLL_BYTES)

    async def _joined(self, group: str, partitions: Sequence[TopicPartition]) -> None:
        state = self._state
        new_topics = {t: self._partition_count for t, _ in partitions if t not in state.partitions}
        starts = {tp: self._committed_offset(group, tp) for tp in partitions if (group, tp) not in state.committed}
        if not starts and not new_topics:
            return
        await self._write(sqlite_log.register, self._writer, new_topics, group, starts)
        state.partitions.update(new_topics)
        state.committed.update({(group, tp): offset for tp, offset in starts.items()})

    async def _commit(self, group: str, offsets: Mapping[TopicPartition, int]) -> None:
        self._require_started()
        await self._write(sqlite_log.commit, self._writer, group, offsets)
        self._state.committed.update({(group, tp): offset for tp, offset in offsets.items()})
        if time.monotonic() - self._last_prune >= self._prune_every:
            await self.prune()

    async def prune(self) -> None:
        """Apply retention now (the bus also does so by itself every `prune_every_seconds`)."""
        self._last_prune = time.monotonic()
        state, floors = self._state, {}
        joined: dict[TopicPartition, list[int]] = {}
        for (_, tp), offset in state.committed.items():
            joined.setdefault(tp, []).append(offset)
        for tp, offsets in joined.items():
            if min(offsets) > state.starts.get(tp, 0):
                floors[tp] = min(offsets)
        unread = [tp for tp in state.ends if tp not in joined]
        cutoff = time.time() - self._retention_seconds
        state.starts.update(await self._write(sqlite_log.prune, self._writer, floors, cutoff, unread))

    async def _write(self, fn: Callable[..., T], *args: object) -> T:
        return await asyncio.get_running_loop().run_in_executor(self._writer_thread, fn, *args)

    async def _read(self, fn: Callable[..., T], *args: object) -> T:
        return await asyncio.get_running_loop().run_in_executor(self._reader_thread, fn, *args)


def _hold_lock(path: Path) -> int:
    """An exclusive lock on `<path>.lock` holding the owner's pid, or BusInUse naming the owner."""
    fd = os.open(_lock_file(path), os.O_RDWR | os.O_CREAT, 0o644)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        holder = os.pread(fd, 32, 0).decode(errors="replace").strip() or "unknown"
        os.close(fd)
        raise BusInUse(f"{path} is in use by another process (pid {holder}); one process per data folder") from None
    os.ftruncate(fd, 0)
    os.pwrite(fd, str(os.getpid()).encode(), 0)
    return fd


def in_use(path: Path) -> str | None:
    """Why a bus cannot start on `path` now, or None (for a clear message before starting)."""
    if not _lock_file(path).exists():
        return None
    try:
        os.close(_hold_lock(path))
    except BusInUse as error:
        return str(error)
    return None


def _lock_file(path: Path) -> Path:
    return path.with_name(path.name + ".lock")
