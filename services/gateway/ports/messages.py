"""The messages parties sent in, the mailboxes, and which message answers which."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, BinaryIO, Protocol

from services.gateway.domain.conversations import Answered, Facts


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

    async def keep_body(self, message_id: str, body: bytes | BinaryIO) -> None:
        """The bytes, or a seekable file of them (read from its start)."""
        ...

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

    async def keep_body(self, message_id: str, body: bytes | BinaryIO) -> None:
        """The bytes, or a seekable file of them (read from its start)."""
        ...


class Conversations(Protocol):
    """Which message another one answers, among what the gateway received and delivered."""

    async def answered(self, code: str, sender: str, receiver: str, facts: Facts) -> Answered | None: ...

    async def of_received(self, message_id: str) -> Answered | None: ...
