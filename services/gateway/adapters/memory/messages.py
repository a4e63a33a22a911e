"""Received messages, mailboxes and conversations in memory (the contract: ports.py)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import datetime, timedelta
from typing import BinaryIO

from services.gateway.adapters.memory.state import GatewayState
from services.gateway.adapters.sql.messages import start_of
from services.gateway.domain.conversations import ANSWERS, REQUESTS, Facts
from services.gateway.ports import Answered, Filters, MailboxMessage, ReceivedMessage, StatusChange
from shared.persistence.ports import ConcurrencyError


class MemoryMessages:
    def __init__(self, state: GatewayState) -> None:
        self._s = state

    async def by_digest(self, submitter: str, sha256: str) -> str | None:
        return next((m.message_id for m in self._s.received.values()
                     if (m.submitter, m.sha256) == (submitter, sha256)), None)

    async def sent_by(self, message_id: str, visible_to: frozenset[str]) -> ReceivedMessage | None:
        m = self._s.received.get(message_id)
        return m if m is not None and (m.submitter in visible_to or m.sender in visible_to) else None

    async def page(self, visible_to: frozenset[str], after: int, limit: int,
                   filters: Filters) -> list[ReceivedMessage]:
        found = [m for m in self._s.received.values() if (m.submitter in visible_to or m.sender in visible_to)
                 and m.position > after and _passes(filters, m.message_code, m.receiver, m.received_at)
                 and (filters.status is None or m.status == filters.status)]
        return sorted(found, key=lambda m: m.position)[:limit]

    async def add(self, messages: Sequence[ReceivedMessage], references: Sequence[tuple[str, str, str]]) -> None:
        for m in messages:
            if m.message_id in self._s.received or await self.by_digest(m.submitter, m.sha256):
                raise ConcurrencyError(f"message {m.message_id} or its bytes from {m.submitter} are known")
            self._s.received[m.message_id] = m
        self._s.references.extend(references)

    async def report(self, changes: Sequence[StatusChange]) -> None:
        for c in changes:
            if (m := self._s.received.get(c.message_id)) is not None:
                self._s.received[c.message_id] = replace(m, status=c.status, answer_id=c.answer_id or m.answer_id)

    async def keep_body(self, message_id: str, body: bytes | BinaryIO) -> None:
        _keep(self._s.received_bodies, message_id, body)

    async def body(self, message_id: str) -> bytes | None:
        return self._s.received_bodies.get(message_id)


class MemoryMailbox:
    def __init__(self, state: GatewayState) -> None:
        self._s = state

    async def items(self, mailboxes: frozenset[str], unacknowledged: bool) -> list[MailboxMessage]:
        return sorted((m for m in self._s.mailbox.values() if m.addressee in mailboxes
                       and not (unacknowledged and m.acknowledged_at is not None)), key=lambda m: m.position)

    async def page(self, mailboxes: frozenset[str], after: int, limit: int,
                   filters: Filters) -> list[MailboxMessage]:
        found = [m for m in await self.items(mailboxes, False) if m.position > after
                 and _passes(filters, m.message_code, m.sender, m.created_at)
                 and (filters.acknowledged is None or (m.acknowledged_at is not None) == filters.acknowledged)]
        return found[:limit]

    async def item(self, message_id: str, mailboxes: frozenset[str]) -> MailboxMessage | None:
        m = self._s.mailbox.get(message_id)
        return m if m is not None and m.addressee in mailboxes else None

    async def body(self, message_id: str) -> bytes | None:
        return self._s.mailbox_bodies.get(message_id)

    async def deliver(self, messages: Sequence[MailboxMessage]) -> None:
        for m in messages:
            if m.message_id in self._s.mailbox:
                raise ConcurrencyError(f"mailbox message {m.message_id} is known")
            self._s.mailbox[m.message_id] = m

    async def acknowledge(self, acknowledged: Sequence[tuple[str, datetime]]) -> None:
        for message_id, at in acknowledged:
            m = self._s.mailbox.get(message_id)
            if m is not None and m.acknowledged_at is None:
                self._s.mailbox[message_id] = replace(m, acknowledged_at=at)

    async def keep_body(self, message_id: str, body: bytes | BinaryIO) -> None:
        _keep(self._s.mailbox_bodies, message_id, body)


class MemoryConversations:
    def __init__(self, state: GatewayState) -> None:
        self._s = state

    async def answered(self, code: str, sender: str, receiver: str, facts: Facts) -> Answered | None:
        if facts.original is not None and code in ANSWERS:
            identification, dated = facts.original
            delivered = [m for m in self._s.mailbox.values() if (m.message_code, m.addressee, m.sender) ==
                         (ANSWERS[code], sender, receiver) and (m.identification, m.dated) == (identification, dated)]
            received = [m for m in self._s.received.values() if (m.message_code, m.sender, m.receiver) ==
                        (ANSWERS[code], receiver, sender) and (m.identification, m.dated) == (identification, dated)]
            if found := _latest(delivered) or _latest(received):
                return found
        for reference in facts.answered_references:
            ids = {i for s, r, i in self._s.references if (s, r) == (receiver, reference)}
            if found := _latest(m for m in self._s.received.values()
                                if m.message_id in ids and m.message_code in REQUESTS):
                return found
        return None

    async def of_received(self, message_id: str) -> Answered | None:
        m = self._s.received.get(message_id)
        return None if m is None else Answered(m.message_id, m.conversation_id)


def _latest(messages: Iterable[ReceivedMessage | MailboxMessage]) -> Answered | None:
    last = max(messages, key=lambda m: m.position, default=None)
    return None if last is None else Answered(last.message_id, last.conversation_id)


def _passes(filters: Filters, code: str, party: str, at: datetime) -> bool:
    return ((not filters.message_code or code == filters.message_code.upper().removeprefix("JW"))
            and (not filters.party or party == filters.party)
            and (not filters.since or at >= start_of(filters.since))
            and (not filters.until or at < start_of(filters.until + timedelta(days=1))))


def _keep(bodies: dict[str, bytes], message_id: str, body: bytes | BinaryIO) -> None:
    if message_id in bodies:
        raise ConcurrencyError(f"the bytes of {message_id} are kept already")
    if not isinstance(body, bytes):
        body.seek(0)
        body = body.read()
    bodies[message_id] = body
