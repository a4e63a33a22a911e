"""The gateway's own events: typed, versioned (shared/events/serializer.py), and its registry.

Stored events are never rewritten. Fields added to a version after it was first stored have
defaults meaning what the older events meant; where that default depends on another field, a new
version makes the field required and an upcaster fills it in for the older ones (`UPCASTERS`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, ClassVar

from services.gateway.domain.messages import Status
from shared.auth.principal import PartyKind
from shared.events.registry import EventRegistry, EventType, Payload


@dataclass(frozen=True)
class Violation:
    """A level-2 finding the owning service answers 0001 for: its rule, and where in the XML."""

    rule: str
    message: str
    path: str | None = None
    line: int | None = None
    column: int | None = None


@dataclass(frozen=True)
class MessageReceived:
    TYPE: ClassVar[str] = "gateway.MessageReceived"
    VERSION: ClassVar[int] = 2
    message_id: str
    message_code: str
    sender: str
    receiver: str
    submitter: str
    sha256: str
    size: int
    conversation_id: str
    identification: str | None = None
    dated: date | None = None
    answers: str | None = None
    references: tuple[str, ...] = ()
    violations: tuple[Violation, ...] | None = None
    """None on messages received before level-2 findings were recorded."""


@dataclass(frozen=True)
class MessageStatusReported:
    """The status as advanced (domain/messages.py), so the last one reported is current."""

    TYPE: ClassVar[str] = "gateway.MessageStatusReported"
    VERSION: ClassVar[int] = 1
    message_id: str
    status: Status
    answer_id: str | None = None
    reason: str | None = None


@dataclass(frozen=True)
class MailboxMessageDelivered:
    TYPE: ClassVar[str] = "gateway.MailboxMessageDelivered"
    VERSION: ClassVar[int] = 2
    message_id: str
    message_code: str
    sender: str
    addressee: str
    in_reply_to: str | None
    sha256: str
    size: int
    conversation_id: str
    identification: str | None = None
    dated: date | None = None


@dataclass(frozen=True)
class MailboxMessageAcknowledged:
    TYPE: ClassVar[str] = "gateway.MailboxMessageAcknowledged"
    VERSION: ClassVar[int] = 1
    message_id: str
    by: str


@dataclass(frozen=True)
class PartyRegistered:
    TYPE: ClassVar[str] = "gateway.PartyRegistered"
    VERSION: ClassVar[int] = 1
    code: str
    kind: PartyKind
    name: str
    on_behalf_of: tuple[str, ...] = ()


@dataclass(frozen=True)
class PartyTokenIssued:
    TYPE: ClassVar[str] = "gateway.PartyTokenIssued"
    VERSION: ClassVar[int] = 1
    code: str
    token_hash: str


@dataclass(frozen=True)
class PartyTokenRevoked:
    """The region file no longer lists the token: the party can no longer sign in with it."""

    TYPE: ClassVar[str] = "gateway.PartyTokenRevoked"
    VERSION: ClassVar[int] = 1
    code: str
    token_hash: str


@dataclass(frozen=True)
class StaffUserRegistered:
    """The password hash is never in the event (a record: tables.staff_passwords)."""

    TYPE: ClassVar[str] = "gateway.StaffUserRegistered"
    VERSION: ClassVar[int] = 1
    username: str
    roles: tuple[str, ...]
    municipalities: tuple[str, ...]
    password_changed: bool = False
    name: str | None = None
    """The person's name, for the admins' screens (the username identifies); None before names."""


@dataclass(frozen=True)
class StaffTokenIssued:
    TYPE: ClassVar[str] = "gateway.StaffTokenIssued"
    VERSION: ClassVar[int] = 1
    username: str
    token_hash: str


@dataclass(frozen=True)
class StaffTokenRevoked:
    TYPE: ClassVar[str] = "gateway.StaffTokenRevoked"
    VERSION: ClassVar[int] = 1
    username: str
    token_hash: str


@dataclass(frozen=True)
class StaffUserRemoved:
    TYPE: ClassVar[str] = "gateway.StaffUserRemoved"
    VERSION: ClassVar[int] = 1
    username: str


@dataclass(frozen=True)
class StaffSessionStarted:
    TYPE: ClassVar[str] = "gateway.StaffSessionStarted"
    VERSION: ClassVar[int] = 1
    session_hash: str
    username: str
    expires_at: datetime
    """The absolute end, whatever the activity."""
    idle_seconds: int


@dataclass(frozen=True)
class StaffSessionEnded:
    TYPE: ClassVar[str] = "gateway.StaffSessionEnded"
    VERSION: ClassVar[int] = 1
    session_hash: str
    username: str
    reason: str


@dataclass(frozen=True)
class RegionSectionChanged:
    TYPE: ClassVar[str] = "gateway.RegionSectionChanged"
    VERSION: ClassVar[int] = 1
    section: str
    sha256: str
    content: Any


@dataclass(frozen=True)
class RegionFileLoaded:
    """A load of a region file that changed something: which file, by whom (None: the command
    line) and what it changed (domain/region_changes.py's `Change`, as loaded)."""

    TYPE: ClassVar[str] = "gateway.RegionFileLoaded"
    VERSION: ClassVar[int] = 1
    sha256: str
    region: str
    size: int
    by: str | None
    changes: tuple[dict[str, Any], ...]


def _conversation_of_received(p: Payload) -> Payload:
    """A message recorded before conversations were known starts a conversation of its own."""
    return {**p, "conversation_id": p.get("conversation_id") or p["message_id"]}


def _conversation_of_delivered(p: Payload) -> Payload:
    """A delivery recorded before conversations belongs to the message it answers, or its own."""
    return {**p, "conversation_id": p.get("conversation_id") or p["in_reply_to"] or p["message_id"]}


CLASSES = (
    MessageReceived, MessageStatusReported, MailboxMessageDelivered, MailboxMessageAcknowledged, PartyRegistered,
    PartyTokenIssued, StaffUserRegistered, StaffTokenIssued, RegionSectionChanged, StaffUserRemoved,
    StaffSessionStarted, StaffSessionEnded, RegionFileLoaded, PartyTokenRevoked, StaffTokenRevoked,
)
UPCASTERS = {
    (MessageReceived.TYPE, 1): _conversation_of_received,
    (MailboxMessageDelivered.TYPE, 1): _conversation_of_delivered,
}


def registry() -> EventRegistry:
    return EventRegistry.of(CLASSES, UPCASTERS)


TYPES: tuple[EventType, ...] = tuple(EventType(c.TYPE, c.VERSION) for c in CLASSES)
"""Names and versions, for what still reads them so (the rebuild's test of its projectors)."""
