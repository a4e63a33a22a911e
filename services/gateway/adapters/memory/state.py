"""The gateway's read models and records in memory: plain dicts a unit of work changes and puts
back when it ends without committing (shared/persistence/memory_work.py). Adapters reach the
state through its attributes at every call, never keep one of its dicts: a rollback replaces them."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from services.gateway.ports import (
    AuditRecord, MailboxMessage, Party, ReceivedMessage, RegionLoad, SessionStart, StaffUser,
)


@dataclass
class OpenSession:
    start: SessionStart
    ended_at: datetime | None = None


@dataclass
class GatewayState:
    received: dict[str, ReceivedMessage] = field(default_factory=dict)
    references: list[tuple[str, str, str]] = field(default_factory=list)
    received_bodies: dict[str, bytes] = field(default_factory=dict)
    mailbox: dict[str, MailboxMessage] = field(default_factory=dict)
    mailbox_bodies: dict[str, bytes] = field(default_factory=dict)
    parties: dict[str, Party] = field(default_factory=dict)
    party_tokens: dict[str, str] = field(default_factory=dict)
    staff: dict[str, StaffUser] = field(default_factory=dict)
    staff_tokens: dict[str, str] = field(default_factory=dict)
    passwords: dict[str, str] = field(default_factory=dict)
    sessions: dict[str, OpenSession] = field(default_factory=dict)
    sections: dict[str, str] = field(default_factory=dict)
    audit: list[AuditRecord] = field(default_factory=list)
    """the audit log's chain, oldest first"""
    region_loads: list[RegionLoad] = field(default_factory=list)
