"""The gateway's own collaborators, built by its bootstrap and handed to its handlers and routes."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

from shared.audit import AuditTrail
from shared.auth.secrets import PasswordHasher
from shared.auth.sessions import SessionSigner
from shared.clock import Clock
from shared.persistence.sql import SqlDatabase


@dataclass(frozen=True)
class Gateway:
    db: SqlDatabase
    clock: Clock
    topic: str
    decode: Callable[[bytes], object]
    max_bytes: int
    sessions: SessionSigner
    session_idle: timedelta
    session_max: timedelta
    passwords: PasswordHasher
    audit: AuditTrail
