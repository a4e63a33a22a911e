"""The invoicing service's own collaborators, built by its bootstrap."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from shared.audit import AuditTrail
from shared.clock import Clock
from shared.persistence.sql import SqlDatabase


@dataclass(frozen=True)
class Invoicing:
    db: SqlDatabase
    clock: Clock
    topic: str
    decode: Callable[[bytes], object]
    margin_working_days: int
    """Held lines still open this many working days before the JW325 deadline are rejected."""
    audit: AuditTrail
