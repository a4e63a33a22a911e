"""Persistence ports of the shared kernel: event store, unit of work, outbox and inbox.

One transaction per command or message (style.md, principle 4): a unit of work stages the
events, the outbox rows and the inbox claim and commits them together with whatever projections
the handler wrote, or nothing at all.

A converted service works through `Store[P]` and `Work[P]`: the unit of work exposes the
service's own port bundle `P` (its read models and records, in business words) bound to the
transaction, so neither handler nor route sees a connection. The kernel's own read models bind
the same way: the staff identities every service projects (shared/auth/identity.py) and the audit
rows of before the one log (shared/audit.py). `UnitOfWork` is what the inbox and the relay need of
a transaction (events, outbox, inbox) and names no connection; only the SQL unit of work has one,
for the adapters bound to it and for rebuilds, which are SQL by nature (replay.py).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from types import TracebackType
from typing import Protocol, Self, TypeVar

from shared.events.envelope import Envelope, NewEvent


OUTBOX_BYTES = 4 * 1024 * 1024
"""About how many bytes of outbox values are written, and read for the relay, at once (always at
least one row): a row holds one event, and a 5,000-line part of a settled declaration is 2.5 MB
(shared/exchange/invoicing.py); the relay holds a batch it read several times over while it
publishes and marks it (bench memory)."""


def fitting(sizes: Sequence[int], max_bytes: int) -> int:
    """How many of the leading sizes stay within `max_bytes` together; at least one, if any."""
    total = 0
    for count, size in enumerate(sizes):
        total += size
        if count and total > max_bytes:
            return count
    return len(sizes)


class ConcurrencyError(Exception):
    """Another writer appended to the stream first; reload and decide again."""


@dataclass(frozen=True)
class OutboxRow:
    position: int
    event_id: uuid.UUID
    topic: str
    key: str
    value: bytes


class UnitOfWork(Protocol):
    async def __aenter__(self) -> Self: ...

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None: ...

    async def load(self, stream_id: str) -> list[Envelope]: ...

    def append(self, stream_id: str, expected_version: int, events: Sequence[NewEvent]) -> list[Envelope]:
        """Stage events after `expected_version` (0 for a new stream); checked at commit."""
        ...

    def enqueue(self, topic: str, envelopes: Sequence[Envelope], key: str | None = None) -> None:
        """Stage integration events for the relay, keyed by stream id unless `key` is given: the
        key picks the partition, so events that must stay in order across streams share one."""
        ...

    async def claim(self, consumer: str, event_id: uuid.UUID) -> bool:
        """Inbox: False when this consumer already processed the event (a redelivery)."""
        ...

    async def flush(self) -> list[Envelope]:
        """Write what is staged now, inside the transaction; visible to others only at commit."""
        ...

    async def commit(self) -> None:
        """Write everything staged atomically. Returns nothing: `append` already gave the staged
        envelopes, and positions are assigned by the store and read back through `read_all`."""
        ...


P = TypeVar("P", covariant=True)


class Work(Protocol[P]):
    """A unit of work that exposes the service's port bundle, bound to its transaction."""

    @property
    def ports(self) -> P: ...

    async def __aenter__(self) -> Self: ...

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        """Rolls back what was not committed. A unique key of a read model that refuses a row is
        raised as ConcurrencyError: another writer got there first, so the command is decided again."""
        ...

    async def load(self, stream_id: str) -> list[Envelope]: ...

    def append(self, stream_id: str, expected_version: int, events: Sequence[NewEvent]) -> list[Envelope]: ...

    def enqueue(self, topic: str, envelopes: Sequence[Envelope], key: str | None = None) -> None: ...

    async def claim(self, consumer: str, event_id: uuid.UUID) -> bool: ...

    async def flush(self) -> None:
        """Write what is staged now, inside the transaction (visible to others at commit): a command
        of many events writes them in parts instead of holding them all until its commit."""
        ...

    async def positioned(self, staged: Sequence[Envelope]) -> list[Envelope]:
        """The staged envelopes with the global position the store gives them (listings page by it)."""
        ...

    async def commit(self) -> None: ...


class Store(Protocol[P]):
    """A service's event store with its port bundle: what its handlers begin their work on."""

    def unit_of_work(self) -> Work[P]: ...

    async def read_all(self, after: int = 0, limit: int = 1000) -> list[Envelope]: ...


class Database(Protocol):
    """What a service's composition root holds: its store, its outbox, its relay lease."""

    def unit_of_work(self) -> UnitOfWork: ...

    async def load(self, stream_id: str) -> list[Envelope]: ...

    async def read_all(self, after: int = 0, limit: int = 1000) -> list[Envelope]:
        """Events by global position; never skips one whose transaction commits late."""
        ...

    async def append(self, stream_id: str, expected_version: int, events: Sequence[NewEvent]) -> list[Envelope]:
        """One unit of work that appends and commits; returns the envelopes it appended."""
        ...

    def watch_outbox(self, listener: Callable[[], None]) -> Callable[[], None]:
        """Call `listener` after a unit of work of this process commits outbox rows (the relay's
        wake-up); returns how to stop. Rows other processes commit are found by polling only."""
        ...

    async def pending_outbox(self, limit: int, max_bytes: int = OUTBOX_BYTES) -> list[OutboxRow]:
        """The first unpublished rows in position order: up to `limit`, and no more after the
        first than keep their values within `max_bytes`."""

    async def outbox_backlog(self) -> int:
        """How many outbox rows wait for the relay."""
        ...

    async def mark_published(self, positions: Sequence[int], at: datetime) -> None: ...

    async def acquire_lease(self, name: str, owner: str, now: datetime, ttl_seconds: float,
                            take_over_from: str | None = None) -> bool:
        """True while `owner` holds (or just took) the lease `name`; one relay per service.
        `take_over_from`: a holder known to be dead, whose lease is taken before it expires."""
        ...

    async def lease_holder(self, name: str) -> str | None: ...

    async def release_lease(self, name: str, owner: str) -> None:
        """Give the lease up at a clean stop, so the next holder need not wait for it to expire."""
        ...

    async def close(self) -> None: ...
