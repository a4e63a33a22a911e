"""The gateway's own collaborators, built by its bootstrap and handed to its handlers and routes."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import BinaryIO

from services.gateway.ports import GatewayPorts
from shared.audit import AuditTrail
from shared.auth.secrets import PasswordHasher
from shared.auth.sessions import SessionSigner
from shared.clock import Clock
from shared.commands import CommandHandler
from shared.persistence.ports import Store


@dataclass(frozen=True)
class Gateway:
    store: Store[GatewayPorts]
    """Units of work with the ports bound to their transaction (the exchange consumer's inbox)."""
    queries: GatewayPorts
    """The same ports outside a transaction, for what routes and handlers read before deciding."""
    commands: CommandHandler[GatewayPorts]
    clock: Clock
    topic: str
    decode: Callable[[bytes | BinaryIO], object]
    """level 1 of a message's bytes or of a seekable file of them (shared.ijw.decode)"""
    max_bytes: int
    sessions: SessionSigner
    session_idle: timedelta
    session_max: timedelta
    passwords: PasswordHasher
    audit: AuditTrail
