"""The outbox relay: publishes staged integration events to the bus, in position order.

One relay per service is active at a time: it holds a lease in the service's own database and
renews it well before it expires; a standby takes over once the lease expires, or at once when
the holder's process is seen to be dead (owners.py), which is what a restart after a kill finds.
A row is marked published only after the broker acknowledged it, so a relay that dies between
publishing and marking publishes the row again on restart: consumers absorb the duplicate
through their inbox.
"""

from __future__ import annotations

import asyncio
from datetime import datetime, timedelta

import structlog

from shared import crashpoints
from shared.bus.port import Bus, Message
from shared.clock import Clock
from shared.persistence.owners import is_dead, process_owner
from shared.persistence.ports import Database

log = structlog.get_logger(__name__)


class OutboxRelay:
    def __init__(self, db: Database, bus: Bus, clock: Clock, name: str, owner: str | None = None,
                 lease_seconds: float = 15.0, batch_size: int = 500) -> None:
        self._db = db
        self._bus = bus
        self._clock = clock
        self.name = name
        self.owner = owner or process_owner()
        self._lease_seconds = lease_seconds
        self._batch_size = batch_size
        self._held_until: datetime | None = None

    @property
    def lease(self) -> str:
        return f"relay:{self.name}"

    async def run_once(self) -> int:
        """Publish one batch if this relay holds the lease; returns how many rows it published."""
        if not await self._hold_lease():
            return 0
        rows = await self._db.pending_outbox(self._batch_size)
        if not rows:
            return 0
        messages = [
            Message(row.topic, row.key, row.value, (("event-id", str(row.event_id).encode()),)) for row in rows
        ]
        await self._bus.publish(messages)
        crashpoints.reached("relay", self.name)
        await self._db.mark_published([row.position for row in rows], self._clock.now())
        return len(rows)

    async def release(self) -> None:
        """At a clean stop: a standby (or this service started again) takes over at once."""
        self._held_until = None
        await self._db.release_lease(self.lease, self.owner)

    async def drain(self) -> int:
        total = 0
        while published := await self.run_once():
            total += published
        return total

    async def run_forever(self, stop: asyncio.Event, idle_seconds: float = 0.2) -> None:
        """Publish until `stop` is set. An idle relay that holds the lease wakes as soon as a unit
        of work of this process commits outbox rows; the poll every `idle_seconds` finds the rows
        other processes write (and is all a standby or a relay whose round failed waits for)."""
        committed = asyncio.Event()
        unwatch = self._db.watch_outbox(committed.set)
        try:
            while not stop.is_set():
                committed.clear()  # before the round: a commit during it wakes the next wait
                try:
                    published = await self.run_once()
                    wake = committed if self._held_until is not None else None
                except Exception:  # the bus or database is away: keep the rows, try again later
                    log.exception("outbox relay round failed", relay=self.name)
                    published, wake = 0, None
                if not published:
                    await _idle(stop, wake, idle_seconds)
        finally:
            unwatch()

    async def _hold_lease(self) -> bool:
        """Renew only once half the lease has passed: a renewal is a write transaction, and a
        relay idles in rounds of 0.2 s."""
        now = self._clock.now()
        if self._held_until is not None and now < self._held_until - timedelta(seconds=self._lease_seconds / 2):
            return True
        held = await self._db.acquire_lease(self.lease, self.owner, now, self._lease_seconds)
        if not held:
            holder = await self._db.lease_holder(self.lease)
            if holder is not None and is_dead(holder):
                log.info("relay.lease_taken_from_dead_process", relay=self.name, holder=holder)
                held = await self._db.acquire_lease(self.lease, self.owner, now, self._lease_seconds, holder)
        self._held_until = now + timedelta(seconds=self._lease_seconds) if held else None
        return held


async def _idle(stop: asyncio.Event, wake: asyncio.Event | None, seconds: float) -> None:
    """Wait until `stop` or `wake` is set, or `seconds` have passed."""
    waits = [asyncio.ensure_future(stop.wait())]
    if wake is not None:
        waits.append(asyncio.ensure_future(wake.wait()))
    try:
        await asyncio.wait(waits, timeout=seconds, return_when=asyncio.FIRST_COMPLETED)
    finally:
        for waiting in waits:
            waiting.cancel()
