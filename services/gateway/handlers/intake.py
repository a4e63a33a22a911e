"""ReceiveMessage: level 1, the sender check, evidence, routing — in one transaction.

Idempotent on bytes: the same bytes from the same party are the same message, whether they
arrive again after an hour or twice at the same moment (the unique key of received messages
settles the race: the loser's transaction is refused, and decided again it finds the winner's
message id). The bytes are a record of their own, written next to the event.
"""

from __future__ import annotations

import asyncio
import uuid
from dataclasses import dataclass
from typing import BinaryIO

from services.gateway.context import Gateway
from services.gateway.domain.conversations import Facts, facts_of
from services.gateway.domain.events import Violation
from services.gateway.domain.intake import Accepted, Known, ReceiveMessage, decide_receive
from services.gateway.domain.routing import DELIVERED_DIRECTLY, RefusedMessage, addresses, check_acceptable
from services.gateway.handlers.received import ReceivedBytes
from services.gateway.ports import GatewayPorts
from shared.auth.principal import PartyPrincipal
from shared.commands import Command, Decision
from shared.exchange.contract import COMPRESSION_LEVEL
from shared.ijw import Finding, check
from shared.ijw import message_code as peek_code
from shared.ijw.validation import with_positions

__all__ = ["Accepted", "receive_message", "level_two", "violation"]


async def receive_message(gw: Gateway, caller: PartyPrincipal, body: bytes | ReceivedBytes) -> Accepted:
    """`body`: the message's bytes, or as the API spooled them while they arrived (the caller
    closes those)."""
    if isinstance(body, bytes):
        with ReceivedBytes.of(body) as received:
            return await _receive(gw, caller, received)
    return await _receive(gw, caller, body)


async def _receive(gw: Gateway, caller: PartyPrincipal, received: ReceivedBytes) -> Accepted:
    digest = received.sha256
    if known := await gw.queries.messages.by_digest(caller.code, digest):
        return Accepted(known, repeated=True)
    read = await asyncio.to_thread(_read, gw, received)  # raises IjwError: level 1
    code = peek_code(received.head) or ""
    check_acceptable(code, caller.kind)
    sender, receiver = read.addresses
    if not caller.may_send_as(sender):
        raise RefusedMessage("AFZENDER", f"the message's sender {sender} is not the caller {caller.code}", 403)
    if not await gw.queries.parties.exists(receiver):
        raise RefusedMessage("ONTVANGER", f"receiver {receiver} is not a party of this region")
    delivery = str(uuid.uuid4()) if code in DELIVERED_DIRECTLY else None
    return await gw.commands(RECEIVE, ReceiveMessage(
        str(uuid.uuid4()), code, sender, receiver, caller.code, digest, received.size, read.compressed,
        received.file(), read.facts, tuple(Violation(**v) for v in read.violations), delivery))  # type: ignore[arg-type]


@dataclass(frozen=True)
class _Read:
    addresses: tuple[str, str]
    facts: Facts
    violations: tuple[dict[str, object], ...]
    compressed: bytes


def _read(gw: Gateway, received: ReceivedBytes) -> _Read:
    """What receiving needs of the decoded message (level 1 and 2, its ends, its facts): the
    model itself, for a 100,000-line JW323 some 60 MB, is let go before the message is recorded.
    The bytes are compressed for MessageRouted here, off the event loop, once level 1 has passed."""
    message = gw.decode(received.file())
    ends, facts, violations = addresses(message), facts_of(message), level_two(received.file(), message)
    del message
    return _Read(ends, facts, violations, received.compressed(COMPRESSION_LEVEL))


async def _known(ports: GatewayPorts, c: ReceiveMessage) -> Known:
    return Known(await ports.messages.by_digest(c.submitter, c.digest),
                 await ports.conversations.answered(c.code, c.sender, c.receiver, c.facts))


async def _keep_bytes(ports: GatewayPorts, c: ReceiveMessage, decision: Decision[Accepted]) -> None:
    if decision.result.repeated:
        return
    await ports.messages.keep_body(c.message_id, c.body)
    if c.delivery_id is not None:
        await ports.mailbox.keep_body(c.delivery_id, c.body)


RECEIVE: Command = Command(lambda c: [], decide_receive, _known, _keep_bytes)


def level_two(body: bytes | BinaryIO, message: object) -> tuple[dict[str, object], ...]:
    """Every level-2 finding with its rule, element path, line and column."""
    return tuple(violation(f) for f in with_positions(body, check(message)))


def violation(f: Finding) -> dict[str, object]:
    return {"rule": f.rule, "message": f.message, "path": f.location, "line": f.line, "column": f.column}
