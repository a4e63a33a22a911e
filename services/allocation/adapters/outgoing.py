"""What allocation sends, as the `Publish` of the decision that determines it (shared/commands.py):
an iJw message, level-2 checked and encoded, for the gateway to put in the addressee's mailbox,
or a routed message's status. Pure, so a decider builds them."""

from __future__ import annotations

import uuid
from dataclasses import replace
from typing import Any, TypeVar

from services.allocation.domain.errors import RuleViolation
from shared.commands import Decision, Publish
from shared.exchange.contract import MessageIssued, MessageStatus
from shared.ijw import check, encode

R = TypeVar("R")
UNKNOWN_ADDRESS = frozenset({"CD034", "TR006"})
"""A client known only from a JW315, or issued without an address, has a BRP contact without
Postcode and Huis, which CD034 and TR006 refuse. Until the access team is asked for the address
(there is no BRP lookup here), such a JW301 still goes out; the rest of level 2 is enforced."""


def issued(key: str, message: Any, message_id: str, in_reply_to: str | None = None) -> Publish:
    """`message` built with `identification_of(message_id)`; a level-2 finding on our own message
    refuses the decision (what a provider must refuse, we never send)."""
    if findings := [f for f in check(message) if f.rule not in UNKNOWN_ADDRESS]:
        raise RuleViolation(findings[0].rule, findings[0].message, "0001")
    sender, addressee = _addresses(message)
    xml = encode(message).decode("utf-8")
    return Publish(MessageIssued(message_id, message.code, sender, addressee, xml, in_reply_to), key,
                   _tenant(sender, addressee))


def status(message_id: str, value: str, reason: str | None = None) -> Publish:
    return Publish(MessageStatus(message_id, value, reason), message_key(message_id))


def sending(decision: Decision[R], *published: Publish) -> Decision[R]:
    """The decision, with what it sends published after its own integration events."""
    return replace(decision, publish=[*decision.publish, *published])


def message_key(message_id: str) -> str:
    """Status and answer of one routed message share a key, so the gateway sees them in order."""
    return f"message-{message_id}"


def identification_of(message_id: str) -> str:
    """BerichtIdentificatie: at most 12 characters (LDT_IdentificatieBericht), unique per
    sender and message type (TR056); 48 random bits of the message id suffice."""
    return uuid.UUID(message_id).hex[:12]


def new_message_id() -> str:
    return str(uuid.uuid4())


def _addresses(message: Any) -> tuple[str, str]:
    original = getattr(message.header, "original", None)
    if original is not None:  # a retour goes back to whoever sent the original
        return original.receiver, original.sender
    return message.header.sender, message.header.receiver


def _tenant(sender: str, addressee: str) -> str | None:
    return next((code for code in (sender, addressee) if len(code) == 4), None)
