"""ReceiveMessage: level 1, the sender check, evidence, routing — in one transaction.

Idempotent on bytes: the same bytes from the same party are the same message, whether they
arrive again after an hour or twice at the same moment (the unique key of received_messages
settles the race: the loser's insert fails and it answers with the winner's message id).
The bytes are a record of their own (received_bodies, mailbox_bodies), written next to the event.
"""

from __future__ import annotations

import asyncio
import hashlib
import uuid
from dataclasses import dataclass

import sqlalchemy as sa

from services.gateway.adapters import store
from services.gateway.adapters.conversations import answered
from services.gateway.adapters.projections import positioned, project
from services.gateway.adapters.tables import mailbox_bodies, received_bodies
from services.gateway.context import Gateway
from services.gateway.domain import events as ev
from services.gateway.domain.conversations import Facts, facts_of
from services.gateway.domain.routing import (
    DELIVERED_DIRECTLY, RefusedMessage, addresses, check_acceptable, municipality_of,
)
from shared.auth.principal import PartyPrincipal
from shared.events.envelope import Envelope, NewEvent
from shared.exchange.contract import MESSAGE_ROUTED, MessageRouted
from shared.ijw import Finding, check
from shared.ijw import message_code as peek_code
from shared.ijw.validation import with_positions
from shared.persistence.ports import ConcurrencyError


@dataclass(frozen=True)
class Accepted:
    message_id: str
    repeated: bool


@dataclass(frozen=True)
class Incoming:
    message_id: str
    code: str
    sender: str
    receiver: str
    submitter: str
    digest: str
    body: bytes
    facts: Facts = Facts()
    violations: tuple[dict[str, object], ...] = ()
    """level-2 findings: the owning service answers 0001 for them; the status lists them"""


async def receive_message(gw: Gateway, caller: PartyPrincipal, body: bytes) -> Accepted:
    digest = hashlib.sha256(body).hexdigest()
    if known := await store.received_by_digest(gw.db.engines.read, caller.code, digest):
        return Accepted(known, repeated=True)
    message = await asyncio.to_thread(gw.decode, body)  # raises IjwError: level 1
    violations = await asyncio.to_thread(level_two, body, message)
    code = peek_code(body) or ""
    check_acceptable(code, caller.kind)
    sender, receiver = addresses(message)
    if not caller.may_send_as(sender):
        raise RefusedMessage("AFZENDER", f"the message's sender {sender} is not the caller {caller.code}", 403)
    if not await store.party_exists(gw.db.engines.read, receiver):
        raise RefusedMessage("ONTVANGER", f"receiver {receiver} is not a party of this region")
    incoming = Incoming(str(uuid.uuid4()), code, sender, receiver, caller.code, digest, body, facts_of(message),
                        violations)
    try:
        await _record(gw, incoming)
    except (ConcurrencyError, sa.exc.IntegrityError):
        if known := await store.received_by_digest(gw.db.engines.read, caller.code, digest):
            return Accepted(known, repeated=True)
        raise
    return Accepted(incoming.message_id, repeated=False)


async def _record(gw: Gateway, m: Incoming) -> None:
    """The projection goes first: a concurrent duplicate meets the (submitter, sha256) key before
    its bytes are written."""
    now, tenant = gw.clock.now(), municipality_of(m.sender, m.receiver)
    stream = f"message-{m.message_id}"
    async with gw.db.unit_of_work() as uow:
        found = await answered(uow.connection, m.code, m.sender, m.receiver, m.facts)
        meta = {"message_id": m.message_id, "message_code": m.code, "sender": m.sender, "receiver": m.receiver,
                "submitter": m.submitter, "sha256": m.digest, "size": len(m.body), **_facts(m.facts),
                "answers": found.message_id if found else None,
                "conversation_id": found.conversation_id if found else m.message_id,
                "references": list(m.facts.references), "violations": list(m.violations)}
        received = await positioned(uow, uow.append(stream, 0, [NewEvent(ev.MESSAGE_RECEIVED, 1, meta, now,
                                                                         tenant=tenant)]))
        await project(uow.connection, received)
        await uow.connection.execute(sa.insert(received_bodies).values(message_id=m.message_id, body=m.body))
        routed = MessageRouted(m.message_id, m.code, m.sender, m.receiver, m.submitter, now.isoformat(),
                               m.body.decode("utf-8"))
        causation = received[0].event_id
        # Keyed by municipality: one gemeente's messages reach a consumer group in the order received,
        # whichever member holds its partition (of a claim declared twice the later one is refused, 9389).
        uow.enqueue(gw.topic, [Envelope.of(stream, 1, NewEvent(MESSAGE_ROUTED, 1, routed.payload(), now,
                                                               tenant=tenant, causation_id=causation))],
                    key=f"municipality-{tenant}" if tenant else stream)
        if m.code in DELIVERED_DIRECTLY:
            await deliver(uow, gw, str(uuid.uuid4()), m.code, m.sender, m.receiver, m.body, meta["answers"], tenant,
                          Delivery(m.facts, meta["conversation_id"]))
        await uow.commit()


def level_two(body: bytes, message: object) -> tuple[dict[str, object], ...]:
    """Every level-2 finding with its rule, element path, line and column."""
    return tuple(violation(f) for f in with_positions(body, check(message)))


def violation(f: Finding) -> dict[str, object]:
    return {"rule": f.rule, "message": f.message, "path": f.location, "line": f.line, "column": f.column}


def _facts(facts: Facts) -> dict[str, object]:
    return {"identification": facts.identification, "dated": facts.dated.isoformat() if facts.dated else None}


@dataclass(frozen=True)
class Delivery:
    """What the gateway knows about a message it delivers: its facts and its conversation."""

    facts: Facts = Facts()
    conversation_id: str | None = None


async def deliver(uow, gw: Gateway, message_id: str, code: str, sender: str, addressee: str,  # type: ignore[no-untyped-def]
                  body: bytes, in_reply_to: str | None, tenant: str | None, known: Delivery = Delivery()) -> None:
    """Put a message in a party's mailbox (inside the caller's unit of work)."""
    now = gw.clock.now()
    payload = {"message_id": message_id, "message_code": code, "sender": sender, "addressee": addressee,
               "in_reply_to": in_reply_to, "sha256": hashlib.sha256(body).hexdigest(), "size": len(body),
               **_facts(known.facts), "conversation_id": known.conversation_id or in_reply_to or message_id}
    delivered = await positioned(uow, uow.append(f"mailbox-{message_id}", 0, [
        NewEvent(ev.MAILBOX_MESSAGE_DELIVERED, 1, payload, now, tenant=tenant)]))
    await project(uow.connection, delivered)
    await uow.connection.execute(sa.insert(mailbox_bodies).values(message_id=message_id, body=body))
