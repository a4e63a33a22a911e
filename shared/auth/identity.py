"""Staff identities and sessions in every service: the gateway publishes who the staff are (never
their passwords) and which sessions it started and ended; each service projects that into its own
kernel tables and authenticates staff there, without reading another service's database.

Every one of these events is keyed by `staff-<username>`, so a service applies a user's events in
the order the gateway wrote them: a session's end never overtakes its start or the identity."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime
from typing import ClassVar, Protocol

from shared.events.envelope import Envelope
from shared.events.registry import EventRegistry, EventType
from shared.events.serializer import to_payload
from shared.persistence.inbox import IdempotentHandler, idempotent_handler
from shared.persistence.ports import Store, Work

def stream_of(username: str) -> str:
    return f"staff-{username}"


@dataclass(frozen=True)
class StaffIdentified:
    """The whole current identity of one user: roles, municipalities and token hashes."""

    TYPE: ClassVar[str] = "identity.StaffIdentified"
    VERSION: ClassVar[int] = 1
    username: str
    roles: list[str]
    municipalities: list[str]
    token_hashes: list[str]

    def payload(self) -> dict[str, object]:
        return to_payload(self)


@dataclass(frozen=True)
class StaffRemoved:
    TYPE: ClassVar[str] = "identity.StaffRemoved"
    VERSION: ClassVar[int] = 1
    username: str


@dataclass(frozen=True)
class SessionStarted:
    TYPE: ClassVar[str] = "identity.SessionStarted"
    VERSION: ClassVar[int] = 1
    session_hash: str
    username: str
    expires_at: str
    """The absolute end (ISO 8601, UTC), whatever the activity."""
    idle_seconds: int

    def payload(self) -> dict[str, object]:
        return to_payload(self)


@dataclass(frozen=True)
class SessionEnded:
    TYPE: ClassVar[str] = "identity.SessionEnded"
    VERSION: ClassVar[int] = 1
    session_hash: str
    username: str
    reason: str


CLASSES = (StaffIdentified, StaffRemoved, SessionStarted, SessionEnded)
STAFF_IDENTIFIED = StaffIdentified.TYPE
STAFF_REMOVED = StaffRemoved.TYPE
SESSION_STARTED = SessionStarted.TYPE
SESSION_ENDED = SessionEnded.TYPE
TYPES = tuple(EventType(c.TYPE, c.VERSION) for c in CLASSES)


class StaffIdentities(Protocol):
    """A service's own copy of the staff identities and sessions the gateway publishes (the port
    its identity consumer writes through; staff authentication reads the copy as a Directory)."""

    async def identify(self, staff: StaffIdentified) -> None:
        """The user's whole identity, in place of what was known of them (tokens included)."""
        ...

    async def remove(self, username: str, at: datetime) -> None:
        """Forget the user and their tokens and end their sessions; the session rows stay, so a
        cookie of one is refused as ended."""
        ...

    async def start_session(self, session: SessionStarted, at: datetime) -> None: ...

    async def end_session(self, session_hash: str, at: datetime) -> None:
        """The first end counts: ending an ended session changes nothing."""
        ...


async def _identified(staff: StaffIdentities, envelope: Envelope) -> None:
    await staff.identify(StaffIdentified(**envelope.payload))


async def _removed(staff: StaffIdentities, envelope: Envelope) -> None:
    await staff.remove(envelope.payload["username"], envelope.occurred_at)


async def _session_started(staff: StaffIdentities, envelope: Envelope) -> None:
    await staff.start_session(SessionStarted(**envelope.payload), envelope.occurred_at)


async def _session_ended(staff: StaffIdentities, envelope: Envelope) -> None:
    await staff.end_session(envelope.payload["session_hash"], envelope.occurred_at)


APPLY: dict[str, Callable[[StaffIdentities, Envelope], Awaitable[None]]] = {
    STAFF_IDENTIFIED: _identified,
    STAFF_REMOVED: _removed,
    SESSION_STARTED: _session_started,
    SESSION_ENDED: _session_ended,
}


async def project_identity(work: Work[StaffIdentities], envelope: Envelope) -> None:
    await APPLY[envelope.type](work.ports, envelope)


def identity_consumer(store: Store[StaffIdentities], consumer: str) -> IdempotentHandler:
    """The service's consumer of the gateway's identity events: the inbox's unit of work is the
    store's, so the projector writes through the identities bound to its transaction."""
    return idempotent_handler(store, consumer, EventRegistry(TYPES), project_identity)  # type: ignore[arg-type]
