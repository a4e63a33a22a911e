"""Deciders of the mailboxes: delivering a message to a party, and its acknowledgement."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from services.gateway.domain.conversations import Facts
from services.gateway.domain.events import MailboxMessageAcknowledged, MailboxMessageDelivered
from shared.commands import Append, Decision, History


def mailbox_stream(message_id: str) -> str:
    return f"mailbox-{message_id}"


def delivered(message_id: str, code: str, sender: str, addressee: str, sha256: str, size: int,
              in_reply_to: str | None, facts: Facts = Facts(),
              conversation_id: str | None = None) -> MailboxMessageDelivered:
    """A message for a party's mailbox; it belongs to the conversation it was found to answer,
    else to the one of the message it replies to, else it starts one."""
    return MailboxMessageDelivered(message_id, code, sender, addressee, in_reply_to, sha256, size,
                                   conversation_id or in_reply_to or message_id, facts.identification,
                                   facts.dated)


@dataclass(frozen=True)
class Acknowledge:
    message_id: str
    by: str
    tenant: str | None
    audit: object
    """The audit entry of the acknowledgement, written only when this one counts."""


def decide_acknowledge(c: Acknowledge, histories: Mapping[str, History], _: object,
                       now: datetime) -> Decision[bool]:
    """Acknowledging twice is harmless: the mailbox stream has room for one acknowledgement
    after its delivery, and one that finds it there changes nothing."""
    history = histories[mailbox_stream(c.message_id)]
    if any(isinstance(e, MailboxMessageAcknowledged) for e in history):
        return Decision(True)
    return Decision(True, [Append(mailbox_stream(c.message_id), len(history),
                                  [MailboxMessageAcknowledged(c.message_id, c.by)], c.tenant)], audit=[c.audit])
