"""The allocation service's own collaborators, built by its bootstrap and handed to its
handlers and routes."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from shared.audit import AuditTrail
from shared.clock import AMSTERDAM, Clock
from shared.persistence.sql import SqlDatabase


@dataclass(frozen=True)
class Allocations:
    db: SqlDatabase
    clock: Clock
    topic: str
    region: str
    decode: Callable[[bytes], object]
    encode: Callable[[object], bytes]
    audit: AuditTrail

    def local_now(self) -> datetime:
        """Dutch local time: it becomes Toewijzingsdatum + Toewijzingstijd (IV013)."""
        return self.clock.now().astimezone(AMSTERDAM)
