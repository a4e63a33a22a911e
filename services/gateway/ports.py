"""What the gateway's handlers and routes need from storage, in the gateway's words.

Each port has an SQL adapter (adapters/sql/) and an in-memory one (adapters/memory/), held to
the same contract by one test suite (tests/contract/gateway/). A unit of work exposes them bound
to its transaction (`Work[GatewayPorts]`); routes read through the same ports outside one
(`Gateway.queries`). The read models are projections of the gateway's events
(adapters/projections.py); the message bytes, password hashes and audit entries are records no
event carries.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any, Protocol
from uuid import UUID

from services.gateway.domain.audit_chain import Verification
from services.gateway.domain.conversations import Answered, Facts
from shared.clock import AMSTERDAM
from shared.auth.principal import PartyKind, PartyPrincipal, StaffPrincipal
from shared.auth.sessions import SessionRecord

__all__ = ["Answered"]  # the conversations port answers in the domain's words


@dataclass(frozen=True)
class ReceivedMessage:
    message_id: str
    submitter: str
    sender: str
    receiver: str
    message_code: str
    sha256: str
    size: int
    received_at: datetime
    status: str
    position: int
    conversation_id: str
    answer_id: str | None = None
    identification: str | None = None
    dated: date | None = None
    answers: str | None = None
    violations: list[dict[str, Any]] | None = None


@dataclass(frozen=True)
class MailboxMessage:
    message_id: str
    addressee: str
    sender: str
    message_code: str
    in_reply_to: str | None
    created_at: datetime
    sha256: str
    size: int
    position: int
    conversation_id: str
    acknowledged_at: datetime | None = None
    identification: str | None = None
    dated: date | None = None


@dataclass(frozen=True)
class StatusChange:
    message_id: str
    status: str
    answer_id: str | None
    """Kept only with the answer itself (status answered); None leaves a known answer as it is."""


@dataclass(frozen=True)
class Filters:
    message_code: str | None = None
    """"JW325" or "325" """
    party: str | None = None
    """the sender (mailbox) or the receiver (sent messages)"""
    since: date | None = None
    until: date | None = None
    """days in Dutch time, both included"""
    acknowledged: bool | None = None
    status: str | None = None


@dataclass(frozen=True)
class Party:
    code: str
    kind: PartyKind
    name: str
    on_behalf_of: tuple[str, ...] = ()


@dataclass(frozen=True)
class StaffUser:
    username: str
    roles: tuple[str, ...]
    municipalities: tuple[str, ...]
    password_hash: str | None = None
    name: str | None = None


@dataclass(frozen=True)
class StaffListing:
    """A staff user as the admins' screens list one."""

    username: str
    name: str | None
    roles: tuple[str, ...]
    municipalities: tuple[str, ...]
    api_tokens: int
    open_sessions: int
    last_signed_in: datetime | None


@dataclass(frozen=True)
class RegionLoad:
    """A load of a region file that changed something (the RegionFileLoaded event)."""

    position: int
    sha256: str
    region: str
    size: int
    loaded_by: str | None
    loaded_at: datetime
    changes: list[dict[str, Any]]


@dataclass(frozen=True)
class SessionStart:
    session_hash: str
    username: str
    started_at: datetime
    expires_at: datetime
    idle_seconds: int


class Messages(Protocol):
    """The messages parties sent in, with their status; and their bytes as received."""

    async def by_digest(self, submitter: str, sha256: str) -> str | None: ...

    async def sent_by(self, message_id: str, visible_to: frozenset[str]) -> ReceivedMessage | None:
        """A message the caller sent (or its hub sent for it); None for anybody else's."""
        ...

    async def page(self, visible_to: frozenset[str], after: int, limit: int,
                   filters: Filters) -> list[ReceivedMessage]: ...

    async def add(self, messages: Sequence[ReceivedMessage], references: Sequence[tuple[str, str, str]]) -> None:
        """New messages, and the (sender, ReferentieAanbieder, message id) each request asks under;
        a second message with a known (submitter, sha256) is refused (ConcurrencyError at commit)."""
        ...

    async def report(self, changes: Sequence[StatusChange]) -> None: ...

    async def keep_body(self, message_id: str, body: bytes) -> None: ...

    async def body(self, message_id: str) -> bytes | None: ...


class Mailbox(Protocol):
    """What is addressed to each party, with its bytes, until and after it is acknowledged."""

    async def items(self, mailboxes: frozenset[str], unacknowledged: bool) -> list[MailboxMessage]: ...

    async def page(self, mailboxes: frozenset[str], after: int, limit: int,
                   filters: Filters) -> list[MailboxMessage]: ...

    async def item(self, message_id: str, mailboxes: frozenset[str]) -> MailboxMessage | None: ...

    async def body(self, message_id: str) -> bytes | None: ...

    async def deliver(self, messages: Sequence[MailboxMessage]) -> None: ...

    async def acknowledge(self, acknowledged: Sequence[tuple[str, datetime]]) -> None:
        """(message id, when); the first acknowledgement counts."""
        ...

    async def keep_body(self, message_id: str, body: bytes) -> None: ...


class Conversations(Protocol):
    """Which message another one answers, among what the gateway received and delivered."""

    async def answered(self, code: str, sender: str, receiver: str, facts: Facts) -> Answered | None: ...

    async def of_received(self, message_id: str) -> Answered | None: ...


class Parties(Protocol):
    """The region's parties and their token hashes."""

    async def by_token(self, token_hash: str) -> PartyPrincipal | None: ...

    async def get(self, code: str) -> Party | None: ...

    async def exists(self, code: str) -> bool: ...

    async def municipalities(self) -> frozenset[str]: ...

    async def directory(self, municipalities: frozenset[str]) -> list[Party]:
        """The given municipalities and every provider, by kind and name, for staff screens."""
        ...

    async def known_tokens(self, hashes: Sequence[str]) -> set[str]: ...

    async def everyone(self) -> list[Party]: ...

    async def tokens(self) -> dict[str, frozenset[str]]:
        """Party code -> its token hashes."""
        ...

    async def register(self, parties: Sequence[Party]) -> None: ...

    async def add_tokens(self, tokens: Sequence[tuple[str, str]]) -> None:
        """(token hash, party code)"""
        ...

    async def revoke_tokens(self, token_hashes: Sequence[str]) -> None: ...


class Staff(Protocol):
    """Staff users as the region file lists them, their token hashes and password hashes, and
    what StaffAuth asks of a directory (shared/auth/staff.py)."""

    async def by_token(self, token_hash: str) -> StaffPrincipal | None: ...

    async def with_session(self, username: str, session_hash: str
                           ) -> tuple[StaffPrincipal, SessionRecord | None] | None: ...

    async def user(self, username: str) -> StaffUser | None:
        """With the password hash (None when the user has none)."""
        ...

    async def usernames(self) -> set[str]: ...

    async def everyone(self) -> list[StaffUser]:
        """Without their password hashes."""
        ...

    async def listing(self, now: datetime, username: str | None = None) -> list[StaffListing]:
        """Every user (or the one named), by username, with counts of tokens and open sessions."""
        ...

    async def tokens(self) -> dict[str, frozenset[str]]:
        """Username -> its token hashes."""
        ...

    async def password_hashes(self, usernames: Sequence[str]) -> dict[str, str]: ...

    async def token_hashes(self, username: str) -> list[str]: ...

    async def known_tokens(self, hashes: Sequence[str]) -> set[str]: ...

    async def register(self, users: Sequence[StaffUser]) -> None:
        """Creates or replaces the users' roles and municipalities (never their password)."""
        ...

    async def add_tokens(self, tokens: Sequence[tuple[str, str]]) -> None:
        """(token hash, username)"""
        ...

    async def revoke_tokens(self, token_hashes: Sequence[str]) -> None: ...

    async def remove(self, username: str, at: datetime) -> None:
        """The user and its tokens go; its sessions end at `at`."""
        ...

    async def set_password(self, username: str, password_hash: str) -> None: ...

    async def forget_password(self, username: str) -> None: ...


class Sessions(Protocol):
    async def open_of(self, username: str, now: datetime) -> list[str]:
        """Hashes of the user's sessions not ended and not past their absolute end."""
        ...

    async def spans(self, username: str, now: datetime) -> list[tuple[datetime, datetime]]:
        """(started, absolute end) of the user's open sessions, newest first."""
        ...

    async def start(self, sessions: Sequence[SessionStart]) -> None: ...

    async def end(self, session_hash: str, at: datetime) -> None:
        """The first end counts; the row stays (a cookie of an ended session is refused as such)."""
        ...


class RegionSections(Protocol):
    async def digest(self, section: str) -> str | None: ...

    async def changed(self, section: str, sha256: str) -> None: ...


class RegionLoads(Protocol):
    async def add(self, loads: Sequence[RegionLoad]) -> None: ...

    async def latest(self, limit: int) -> list[RegionLoad]:
        """Newest first."""
        ...


@dataclass(frozen=True)
class AuditFilter:
    username: str | None = None
    action: str | None = None
    client: str | None = None
    """The client's pseudonym (the search computes it from the BSN)."""
    municipality: str | None = None
    since: date | None = None
    until: date | None = None
    """Days in Dutch time, both included."""
    outcome: str | None = None
    service: str | None = None

    def equal(self) -> dict[str, str]:
        """The fields an entry must equal (AuditRecord's names)."""
        named = {"username": self.username, "action": self.action, "client": self.client,
                 "municipality": self.municipality, "outcome": self.outcome, "service": self.service}
        return {name: value for name, value in named.items() if value is not None}

    def window(self) -> tuple[datetime | None, datetime | None]:
        """From the start of `since` (included) to the start of the day after `until` (excluded), UTC."""
        return (None if self.since is None else _start_of(self.since),
                None if self.until is None else _start_of(self.until + timedelta(days=1)))


def _start_of(day: date) -> datetime:
    return datetime.combine(day, time(), AMSTERDAM).astimezone(UTC)


@dataclass(frozen=True)
class AuditRecord:
    """One link of the audit log's chain (domain/audit_chain.py names its fields)."""

    seq: int
    entry_id: UUID
    at: datetime
    username: str
    roles: str
    """comma-separated, sorted"""
    municipality: str | None
    action: str
    object: str | None
    client: str | None
    reason: str | None
    outcome: str
    service: str
    address: str | None
    app: str | None
    on_behalf_of: str | None
    legacy: bool
    prev_hash: str
    hash: str


class AuditLog(Protocol):
    """The region's one audit log, hash-chained (domain/audit_chain.py): append-only, in the order
    the gateway's one consumer receives every service's entries."""

    async def append(self, entry: Mapping[str, Any]) -> None:
        """The entry (AuditRecord's fields but seq, prev_hash and hash) as the next link after the
        head. Appends are serialised, so two writers never link to the same head."""
        ...

    async def page(self, found: AuditFilter, limit: int, before: int | None) -> list[AuditRecord]:
        """Newest first; `before`: the seq the previous page ended at (keyset paging, so entries
        appended meanwhile never shift a page)."""
        ...

    def matching(self, found: AuditFilter, batch: int = 2000) -> AsyncIterator[list[AuditRecord]]:
        """Every matching entry, oldest first, in batches (an export of a whole period)."""
        ...

    async def count(self, found: AuditFilter) -> int: ...

    async def verify(self) -> Verification:
        """The whole chain in order; stops at the first entry that does not fit."""
        ...


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
