"""The allocation service's own collaborators, built by its bootstrap and handed to its
handlers and routes."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from services.allocation.ports import AllocationPorts
from shared.audit import AuditTrail
from shared.clock import AMSTERDAM, Clock
from shared.commands import CommandHandler
from shared.persistence.ports import Database, Store


@dataclass(frozen=True)
class Allocations:
    db: Database
    """The event store itself, for an audit entry of its own (handlers and routes go through the
    store, the queries and the command handler)."""
    store: Store[AllocationPorts]
    """Units of work with the ports bound to their transaction."""
    queries: AllocationPorts
    """The same ports outside a transaction, for what routes read."""
    commands: CommandHandler[AllocationPorts]
    """Load the streams → decide (domain/) → append → project → outbox → audit, in one transaction."""
    clock: Clock
    topic: str
    region: str
    decode: Callable[[bytes], object]
    encode: Callable[[object], bytes]
    audit: AuditTrail

    def local_now(self) -> datetime:
        """Dutch local time: it becomes Toewijzingsdatum + Toewijzingstijd (IV013)."""
        return self.clock.now().astimezone(AMSTERDAM)
