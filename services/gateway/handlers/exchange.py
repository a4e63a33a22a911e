"""What the services send back: iJw messages for the mailboxes, and the status of what came in."""

from __future__ import annotations

import asyncio

from services.gateway.adapters.conversations import answered, received_conversation
from services.gateway.adapters.projections import project
from services.gateway.context import Gateway
from services.gateway.domain import events as ev
from services.gateway.domain.conversations import Facts, facts_of
from services.gateway.domain.messages import Status, advance
from services.gateway.domain.routing import municipality_of
from services.gateway.handlers.intake import Delivery, deliver
from shared.events.envelope import Envelope, NewEvent
from shared.exchange.contract import MESSAGE_ISSUED, MESSAGE_STATUS, MessageIssued, MessageStatus
from shared.ijw import IjwError
from shared.persistence.ports import UnitOfWork


LINKED_BY_CONTENT = frozenset({"301", "319"})
"""Messages the services issue without `in_reply_to` that still answer a request; the rest
either come with it or start a conversation (a JW301 the access team issued of its own)."""


def exchange_consumer(gw: Gateway):  # type: ignore[no-untyped-def]
    async def apply(uow: UnitOfWork, envelope: Envelope) -> None:
        if envelope.type == MESSAGE_ISSUED:
            await _issued(uow, gw, MessageIssued(**envelope.payload))
        elif envelope.type == MESSAGE_STATUS:
            status = MessageStatus(**envelope.payload)
            await _report(uow, gw, status.message_id, Status(status.status), None, status.reason)

    return apply


async def _issued(uow: UnitOfWork, gw: Gateway, issued: MessageIssued) -> None:
    tenant = municipality_of(issued.sender, issued.addressee)
    body = issued.xml.encode("utf-8")
    facts, answers = Facts(), None
    if issued.in_reply_to:
        answers = await received_conversation(uow.connection, issued.in_reply_to)
    elif issued.message_code in LINKED_BY_CONTENT:  # a JW319 or an honouring JW301 names its request
        facts = await asyncio.to_thread(_facts_of_own, gw, body)
        answers = await answered(uow.connection, issued.message_code, issued.sender, issued.addressee, facts)
    await deliver(uow, gw, issued.message_id, issued.message_code, issued.sender, issued.addressee, body,
                  issued.in_reply_to or (answers.message_id if answers else None), tenant,
                  Delivery(facts, answers.conversation_id if answers else None))
    if issued.in_reply_to:
        await _report(uow, gw, issued.in_reply_to, Status.ANSWERED, issued.message_id, None)


def _facts_of_own(gw: Gateway, body: bytes) -> Facts:
    """A service's message was checked when it was encoded; should it not read, it is still
    delivered, only without its links."""
    try:
        return facts_of(gw.decode(body))
    except IjwError:
        return Facts()


async def _report(uow: UnitOfWork, gw: Gateway, message_id: str, reported: Status, answer_id: str | None,
                  reason: str | None) -> None:
    """Decided on the message's own stream (its MessageReceived and the statuses reported since)."""
    stream = f"message-{message_id}"
    history = await uow.load(stream)
    if not history:
        return  # an answer to a message that did not come through this gateway
    status = advance(current_status(history), reported)
    received = history[0].payload
    payload = {"message_id": message_id, "status": status.value, "answer_id": answer_id, "reason": reason}
    staged = uow.append(stream, len(history), [NewEvent(ev.MESSAGE_STATUS_REPORTED, 1, payload, gw.clock.now(),
                                                        tenant=municipality_of(received["sender"],
                                                                               received["receiver"]))])
    await project(uow.connection, staged)


def current_status(history: list[Envelope]) -> Status:
    """Each MessageStatusReported carries the status as advanced, so the last one is current."""
    reported = [e.payload["status"] for e in history if e.type == ev.MESSAGE_STATUS_REPORTED]
    return Status(reported[-1]) if reported else Status.RECEIVED
