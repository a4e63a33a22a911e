"""What handlers do beside their commands: put iJw messages in the outbox, report a routed
message's status — inside the unit of work of the command they go with."""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable
from datetime import date, datetime
from typing import Any, TypeVar

from services.allocation.context import Allocations
from services.allocation.domain.errors import RuleViolation
from services.allocation.ports import AllocationWork
from shared.clock import AMSTERDAM
from shared.events.envelope import Envelope, NewEvent
from shared.exchange.contract import MessageIssued, MessageRouted, MessageStatus
from shared.ijw import check
from shared.persistence.ports import ConcurrencyError

T = TypeVar("T")
ATTEMPTS = 5
UNKNOWN_ADDRESS = frozenset({"CD034", "TR006"})
"""A client known only from a JW315, or issued without an address, has a BRP contact without
Postcode and Huis, which CD034 and TR006 refuse. Until the access team is asked for the address
(there is no BRP lookup here), such a JW301 still goes out; the rest of level 2 is enforced."""
MessageBuilder = Callable[[str], Any]
"""Builds an iJw model given its BerichtIdentificatie (or IdentificatieRetour)."""


async def retrying(run: Callable[[], Awaitable[T]]) -> T:
    """One transaction per command; another writer on the same stream means: reload, decide again."""
    for attempt in range(1, ATTEMPTS + 1):
        try:
            return await run()
        except ConcurrencyError:
            if attempt == ATTEMPTS:
                raise
    raise AssertionError("unreachable")


def issue_message(work: AllocationWork, ctx: Allocations, key: str, build: MessageBuilder,
                  in_reply_to: str | None = None, message_id: uuid.UUID | None = None) -> str:
    """Encode an iJw message (XSD-checked) and hand it to the gateway for the addressee's mailbox."""
    message_id = message_id or uuid.uuid4()
    message = build(identification_of(message_id))
    if findings := [f for f in check(message) if f.rule not in UNKNOWN_ADDRESS]:  # level 2: never send
        raise RuleViolation(findings[0].rule, findings[0].message, "0001")     # what a provider must refuse
    sender, addressee = _addresses(message)
    xml = ctx.encode(message).decode("utf-8")
    issued = MessageIssued(str(message_id), message.code, sender, addressee, xml, in_reply_to)
    _enqueue(work, ctx, key, issued, _tenant(sender, addressee))
    return str(message_id)


def report_status(work: AllocationWork, ctx: Allocations, message_id: str, status: str,
                  reason: str | None = None) -> None:
    _enqueue(work, ctx, message_key(message_id), MessageStatus(message_id, status, reason), None)


def message_key(message_id: str) -> str:
    """Status and answer of one routed message share a key, so the gateway sees them in order."""
    return f"message-{message_id}"


def identification_of(message_id: uuid.UUID) -> str:
    """BerichtIdentificatie: at most 12 characters (LDT_IdentificatieBericht), unique per
    sender and message type (TR056); 48 random bits of the message id suffice."""
    return message_id.hex[:12]


def _enqueue(work: AllocationWork, ctx: Allocations, key: str, event: MessageIssued | MessageStatus,
             tenant: str | None) -> None:
    work.enqueue(ctx.topic, [Envelope.of(key, 0, NewEvent.of(event, ctx.clock.now(), tenant=tenant))])


def _addresses(message: Any) -> tuple[str, str]:
    original = getattr(message.header, "original", None)
    if original is not None:  # a retour goes back to whoever sent the original
        return original.receiver, original.sender
    return message.header.sender, message.header.receiver


def _tenant(sender: str, addressee: str) -> str | None:
    return next((code for code in (sender, addressee) if len(code) == 4), None)


def received_on(routed: MessageRouted) -> date:
    """The Dutch business day the gateway received a message on: what deadlines count from."""
    return datetime.fromisoformat(routed.received_at).astimezone(AMSTERDAM).date()
