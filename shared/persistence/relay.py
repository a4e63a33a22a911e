"""The outbox relay: publishes staged integration events to the bus, in position order.

One relay per service is active at a time: it holds a lease in the service's own database and
renews it every round; a standby takes over once the lease expires. A row is marked published
only after the broker acknowledged it, so a relay that dies between publishing and marking
publishes the row again on restart: consumers absorb the duplicate through their inbox.
"""

from __future__ import annotations

import asyncio
import os
import socket
import uuid

import structlog

from shared.bus.port import Bus, Message
from shared.clock import Clock
from shared.persistence.ports import Database

log = structlog.get_logger(__name__)


def default_owner() -> str:
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


class OutboxRelay:
    def __init__(self, db: Database, bus: Bus, clock: Clock, name: str, owner: str | None = None,
                 lease_seconds: float = 15.0, batch_size: int = 500) -> None:
        self._db = db
        self._bus = bus
        self._clock = clock
        self.name = name
        self.owner = owner or default_owner()
        self._lease_seconds = lease_seconds
        self._batch_size = batch_size

    async def run_once(self) -> int:
        """Publish one batch if this relay holds the lease; returns how many rows it published."""
        if not await self._db.acquire_lease(f"relay:{self.name}", self.owner, self._clock.now(), self._lease_seconds):
            return 0
        rows = await self._db.pending_outbox(self._batch_size)
        if not rows:
            return 0
        messages = [
            Message(row.topic, row.key, row.value, (("event-id", str(row.event_id).encode()),)) for row in rows
        ]
        await self._bus.publish(messages)
        await self._db.mark_published([row.position for row in rows], self._clock.now())
        return len(rows)

    async def release(self) -> None:
        """At a clean stop: a standby (or this service started again) takes over at once."""
        await self._db.release_lease(f"relay:{self.name}", self.owner)

    async def drain(self) -> int:
        total = 0
        while published := await self.run_once():
            total += published
        return total

    async def run_forever(self, stop: asyncio.Event, idle_seconds: float = 0.2) -> None:
        while not stop.is_set():
            try:
                published = await self.run_once()
            except Exception:  # the bus or database is away: keep the rows, try again later
                log.exception("outbox relay round failed", relay=self.name)
                published = 0
            if not published:
                try:
                    await asyncio.wait_for(stop.wait(), idle_seconds)
                except TimeoutError:
                    pass
