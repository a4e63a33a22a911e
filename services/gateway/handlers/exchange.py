"""What the services send back: iJw messages for the mailboxes, and the status of what came in.
Each arrives through the inbox (one transaction per poll) and is decided like any command."""

from __future__ import annotations

import asyncio

from services.gateway.context import Gateway
from services.gateway.domain.conversations import Answered, Facts, facts_of
from services.gateway.domain.intake import DeliverAnswer, ReportStatus, decide_deliver, decide_report, message_stream
from services.gateway.domain.messages import Status
from services.gateway.ports import GatewayPorts
from shared.commands import Command, Decision
from shared.events.envelope import Envelope
from shared.events.registry import EventRegistry
from shared.exchange.contract import CLASSES, UPCASTERS, MessageIssued, MessageStatus
from shared.ijw import IjwError
from shared.persistence.ports import Work

LINKED_BY_CONTENT = frozenset({"301", "319"})
"""Messages the services issue without `in_reply_to` that still answer a request; the rest
either come with it or start a conversation (a JW301 the access team issued of its own)."""
EXCHANGE = EventRegistry.of(CLASSES, UPCASTERS)


def exchange_consumer(gw: Gateway):  # type: ignore[no-untyped-def]
    async def apply(work: Work[GatewayPorts], envelope: Envelope) -> None:
        event = EXCHANGE.decode(envelope)
        if isinstance(event, MessageIssued):
            body = event.xml.encode("utf-8")
            facts = Facts()
            if not event.in_reply_to and event.message_code in LINKED_BY_CONTENT:  # it names its request
                facts = await asyncio.to_thread(_facts_of_own, gw, body)
            await gw.commands.within(work, DELIVER, DeliverAnswer(
                event.message_id, event.message_code, event.sender, event.addressee, body, event.in_reply_to, facts))
        elif isinstance(event, MessageStatus):
            await gw.commands.within(work, REPORT, ReportStatus(event.message_id, Status(event.status), event.reason))

    return apply


def _facts_of_own(gw: Gateway, body: bytes) -> Facts:
    """A service's message was checked when it was encoded; should it not read, it is still
    delivered, only without its links."""
    try:
        return facts_of(gw.decode(body))
    except IjwError:
        return Facts()


async def _answers(ports: GatewayPorts, c: DeliverAnswer) -> Answered | None:
    if c.in_reply_to:
        return await ports.conversations.of_received(c.in_reply_to)
    if c.code in LINKED_BY_CONTENT:
        return await ports.conversations.answered(c.code, c.sender, c.addressee, c.facts)
    return None


async def _keep_bytes(ports: GatewayPorts, c: DeliverAnswer, _: Decision[None]) -> None:
    await ports.mailbox.keep_body(c.message_id, c.body)


DELIVER: Command = Command(lambda c: [message_stream(c.in_reply_to)] if c.in_reply_to else [], decide_deliver,
                           _answers, _keep_bytes)
REPORT: Command = Command(lambda c: [message_stream(c.message_id)], decide_report)
