"""In-memory persistence: the same contract as the SQL adapter, for unit tests and fakes.

Positions are handed out at commit under one lock, so a global reader can never see a later
event before an earlier one commits: there is nothing to skip.
"""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from types import TracebackType
from typing import Self

from shared.events.envelope import Envelope, NewEvent
from shared.persistence.ports import OUTBOX_BYTES, ConcurrencyError, OutboxRow, fitting
from shared.persistence.watchers import OutboxWatchers


@dataclass
class _Outbox:
    row: OutboxRow
    published_at: datetime | None = None


@dataclass
class MemoryDatabase:
    events: list[Envelope] = field(default_factory=list)
    streams: dict[str, list[Envelope]] = field(default_factory=dict)
    outbox: list[_Outbox] = field(default_factory=list)
    inbox: set[tuple[str, uuid.UUID]] = field(default_factory=set)
    leases: dict[str, tuple[str, datetime]] = field(default_factory=dict)
    outbox_watchers: OutboxWatchers = field(default_factory=OutboxWatchers)
    _lock: asyncio.Lock = field(default_factory=asyncio.Lock)

    def unit_of_work(self) -> MemoryUnitOfWork:
        return MemoryUnitOfWork(self)

    async def load(self, stream_id: str) -> list[Envelope]:
        return list(self.streams.get(stream_id, ()))

    async def read_all(self, after: int = 0, limit: int = 1000) -> list[Envelope]:
        return self.events[after : after + limit]

    async def append(self, stream_id: str, expected_version: int, events: Sequence[NewEvent]) -> list[Envelope]:
        async with self.unit_of_work() as uow:
            staged = uow.append(stream_id, expected_version, events)
            await uow.commit()
        return staged

    def watch_outbox(self, listener: Callable[[], None]) -> Callable[[], None]:
        return self.outbox_watchers.watch(listener)

    async def pending_outbox(self, limit: int, max_bytes: int = OUTBOX_BYTES) -> list[OutboxRow]:
        pending = [o.row for o in self.outbox if o.published_at is None][:limit]
        return pending[:fitting([len(row.value) for row in pending], max_bytes)]

    async def mark_published(self, positions: Sequence[int], at: datetime) -> None:
        wanted = set(positions)
        for entry in self.outbox:
            if entry.row.position in wanted and entry.published_at is None:
                entry.published_at = at

    async def outbox_backlog(self) -> int:
        return sum(1 for o in self.outbox if o.published_at is None)

    async def acquire_lease(self, name: str, owner: str, now: datetime, ttl_seconds: float,
                            take_over_from: str | None = None) -> bool:
        holder = self.leases.get(name)
        if holder is not None and holder[0] not in (owner, take_over_from) and holder[1] > now:
            return False
        self.leases[name] = (owner, now + timedelta(seconds=ttl_seconds))
        return True

    async def lease_holder(self, name: str) -> str | None:
        return self.leases[name][0] if name in self.leases else None

    async def release_lease(self, name: str, owner: str) -> None:
        if self.leases.get(name, (None,))[0] == owner:
            del self.leases[name]

    async def close(self) -> None:
        return None

    def _commit(self, appends: list[tuple[str, int, list[Envelope]]], outbox: list[tuple[str, Envelope, str]],
                claims: list[tuple[str, uuid.UUID]]) -> None:
        versions: dict[str, int] = {}
        for stream_id, expected, envelopes in appends:
            current = versions.get(stream_id, len(self.streams.get(stream_id, ())))
            if current != expected:
                raise ConcurrencyError(f"stream {stream_id} is not at version {expected}")
            versions[stream_id] = expected + len(envelopes)
        if any(claim in self.inbox for claim in claims):
            raise ConcurrencyError("event already processed by this consumer")
        for stream_id, _, envelopes in appends:
            for envelope in envelopes:
                stored = envelope.at(len(self.events) + 1)
                self.events.append(stored)
                self.streams.setdefault(stream_id, []).append(stored)
        for topic, envelope, key in outbox:
            row = OutboxRow(len(self.outbox) + 1, envelope.event_id, topic, key, envelope.to_json())
            self.outbox.append(_Outbox(row))
        self.inbox.update(claims)


class MemoryUnitOfWork:
    def __init__(self, db: MemoryDatabase) -> None:
        self._db = db
        self._appends: list[tuple[str, int, list[Envelope]]] = []
        self._outbox: list[tuple[str, Envelope, str]] = []
        self._claims: list[tuple[str, uuid.UUID]] = []

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                        tb: TracebackType | None) -> None:
        self._appends.clear()
        self._outbox.clear()
        self._claims.clear()

    async def load(self, stream_id: str) -> list[Envelope]:
        """The stream as this unit of work sees it, including what it appended itself."""
        staged = [e for stream, _, envelopes in self._appends if stream == stream_id for e in envelopes]
        return await self._db.load(stream_id) + staged

    def append(self, stream_id: str, expected_version: int, events: Sequence[NewEvent]) -> list[Envelope]:
        staged = [Envelope.of(stream_id, expected_version + i, e) for i, e in enumerate(events, start=1)]
        self._appends.append((stream_id, expected_version, staged))
        return staged

    def enqueue(self, topic: str, envelopes: Sequence[Envelope], key: str | None = None) -> None:
        self._outbox.extend((topic, envelope, key or envelope.stream_id) for envelope in envelopes)

    async def claim(self, consumer: str, event_id: uuid.UUID) -> bool:
        if (consumer, event_id) in self._db.inbox:
            return False
        self._claims.append((consumer, event_id))
        return True

    async def flush(self) -> list[Envelope]:
        """Nothing to write early: positions are handed out at commit, under the lock."""
        return [envelope for _, _, staged in self._appends for envelope in staged]

    async def commit(self) -> None:
        async with self._db._lock:
            self._db._commit(self._appends, self._outbox, self._claims)
        if self._outbox:
            self._db.outbox_watchers.committed()
        self._appends, self._outbox, self._claims = [], [], []
