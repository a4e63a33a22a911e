"""Deciders of what comes in: a party's message (ReceiveMessage), and what the services send back
about it (an answer for a mailbox, a status)."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import BinaryIO

from services.gateway.domain.conversations import Answered, Facts
from services.gateway.domain.events import MessageReceived, MessageStatusReported, Violation
from services.gateway.domain.mailbox import delivered, mailbox_stream
from services.gateway.domain.messages import Status, advance
from services.gateway.domain.routing import municipality_of
from shared.commands import Append, Decision, History, Publish
from shared.exchange.contract import MessageRouted


def message_stream(message_id: str) -> str:
    return f"message-{message_id}"


@dataclass(frozen=True)
class Accepted:
    message_id: str
    repeated: bool


@dataclass(frozen=True)
class ReceiveMessage:
    message_id: str
    code: str
    sender: str
    receiver: str
    submitter: str
    digest: str
    size: int
    compressed: bytes
    """The bytes zlib-compressed, as gateway.MessageRouted carries them."""
    body: BinaryIO
    """The bytes as received (a spooled file: a big JW323 is not held in memory); only the record
    kept of them reads it."""
    facts: Facts = Facts()
    violations: tuple[Violation, ...] = ()
    """level-2 findings: the owning service answers 0001 for them; the status lists them"""
    delivery_id: str | None = None
    """The id of its copy in the receiver's mailbox, for a message delivered as it came (JW301)."""


@dataclass(frozen=True)
class Known:
    """What the read models know of a message about to be received, inside its transaction."""

    same_bytes: str | None
    """the message id under which these bytes from this party were received already"""
    answers: Answered | None


def decide_receive(c: ReceiveMessage, _: Mapping[str, History], known: Known, now: datetime) -> Decision[Accepted]:
    """The same bytes from the same party are the same message (design.md §4)."""
    if known.same_bytes is not None:
        return Decision(Accepted(known.same_bytes, repeated=True))
    tenant, answers = municipality_of(c.sender, c.receiver), known.answers
    conversation = answers.conversation_id if answers else c.message_id
    received = MessageReceived(
        c.message_id, c.code, c.sender, c.receiver, c.submitter, c.digest, c.size, conversation,
        c.facts.identification, c.facts.dated, answers.message_id if answers else None, c.facts.references,
        c.violations)
    appends = [Append(message_stream(c.message_id), 0, [received], tenant)]
    if c.delivery_id is not None:
        appends.append(Append(mailbox_stream(c.delivery_id), 0, [delivered(
            c.delivery_id, c.code, c.sender, c.receiver, c.digest, c.size, received.answers, c.facts, conversation)],
            tenant))
    routed = MessageRouted(c.message_id, c.code, c.sender, c.receiver, c.submitter, now.isoformat(), c.compressed)
    # Keyed by municipality: one gemeente's messages reach a consumer group in the order received,
    # whichever member holds its partition (of a claim declared twice the later one is refused, 9389).
    partition = f"municipality-{tenant}" if tenant else None
    return Decision(Accepted(c.message_id, repeated=False), appends,
                    [Publish(routed, message_stream(c.message_id), tenant, partition)])


@dataclass(frozen=True)
class DeliverAnswer:
    """A service's message for a party's mailbox (exchange.MessageIssued), and what it answers."""

    message_id: str
    code: str
    sender: str
    addressee: str
    body: bytes
    in_reply_to: str | None
    facts: Facts = Facts()


def decide_deliver(c: DeliverAnswer, histories: Mapping[str, History], answers: Answered | None,
                   now: datetime) -> Decision[None]:
    """The answer goes to the mailbox; the message it replies to, if it came through this
    gateway, is answered."""
    tenant = municipality_of(c.sender, c.addressee)
    appends = [Append(mailbox_stream(c.message_id), 0, [delivered(
        c.message_id, c.code, c.sender, c.addressee, hashlib.sha256(c.body).hexdigest(), len(c.body),
        c.in_reply_to or (answers.message_id if answers else None), c.facts,
        answers.conversation_id if answers else None)], tenant)]
    if c.in_reply_to:
        appends += _reported(c.in_reply_to, histories[message_stream(c.in_reply_to)], Status.ANSWERED, c.message_id)
    return Decision(None, appends)


@dataclass(frozen=True)
class ReportStatus:
    message_id: str
    status: Status
    reason: str | None = None


def decide_report(c: ReportStatus, histories: Mapping[str, History], _: object, now: datetime) -> Decision[None]:
    return Decision(None, _reported(c.message_id, histories[message_stream(c.message_id)], c.status, None, c.reason))


def _reported(message_id: str, history: History, reported: Status, answer_id: str | None,
              reason: str | None = None) -> list[Append]:
    """Decided on the message's own stream: its MessageReceived and the statuses reported since.
    Nothing for a message that did not come through this gateway. A status never goes back."""
    if not history:
        return []
    status = advance(current_status(history), reported)
    received = history[0]
    return [Append(message_stream(message_id), len(history),
                   [MessageStatusReported(message_id, status, answer_id, reason)],
                   municipality_of(received.sender, received.receiver))]


def current_status(history: History) -> Status:
    """Each MessageStatusReported carries the status as advanced, so the last one is current."""
    reported = [e.status for e in history if isinstance(e, MessageStatusReported)]
    return reported[-1] if reported else Status.RECEIVED
