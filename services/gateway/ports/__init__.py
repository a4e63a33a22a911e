"""What the gateway's handlers and routes need from storage, in the gateway's words.

Each port has an SQL adapter (adapters/sql/) and an in-memory one (adapters/memory/), held to
the same contract by one test suite (tests/contract/gateway/). A unit of work exposes them bound
to its transaction (`Work[GatewayPorts]`); routes read through the same ports outside one
(`Gateway.queries`). The read models are projections of the gateway's events
(adapters/projections.py); the message bytes, password hashes and audit entries are records no
event carries.
"""

from __future__ import annotations

from dataclasses import dataclass

from services.gateway.domain.conversations import Answered
from services.gateway.ports.audit import AuditFilter, AuditLog, AuditRecord
from services.gateway.ports.directory import (
    Parties, Party, RegionLoad, RegionLoads, RegionSections, SessionStart, Sessions, Staff, StaffListing, StaffUser,
)
from services.gateway.ports.messages import (
    Conversations, Filters, Mailbox, MailboxMessage, Messages, ReceivedMessage, StatusChange,
)

__all__ = [
    "Answered", "AuditFilter", "AuditLog", "AuditRecord", "Conversations", "Filters", "GatewayPorts", "Mailbox",
    "MailboxMessage", "Messages", "Parties", "Party", "ReceivedMessage", "RegionLoad", "RegionLoads", "RegionSections",
    "SessionStart", "Sessions", "Staff", "StaffListing", "StaffUser", "StatusChange",
]


@dataclass(frozen=True)
class GatewayPorts:
    messages: Messages
    mailbox: Mailbox
    conversations: Conversations
    parties: Parties
    staff: Staff
    sessions: Sessions
    region: RegionSections
    audit: AuditLog
    loads: RegionLoads
