"""Finding the message another one answers, among what the gateway received and delivered,
inside the transaction that records the answer."""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection

from services.gateway.adapters.tables import mailbox, message_references, received_messages
from services.gateway.domain.conversations import ANSWERS, REQUESTS, Facts


@dataclass(frozen=True)
class Answered:
    message_id: str
    conversation_id: str


async def answered(conn: AsyncConnection, code: str, sender: str, receiver: str, facts: Facts) -> Answered | None:
    """The message this one (`code`, from `sender` to `receiver`) answers, if we have it. The
    answered message went the other way: a JW302 from a provider answers the JW301 in its mailbox."""
    if facts.original is not None and code in ANSWERS:
        identification, dated = facts.original
        found = await _delivered(conn, ANSWERS[code], sender, receiver, identification, dated) \
            or await _received(conn, ANSWERS[code], receiver, sender, identification, dated)
        if found is not None:
            return found
    for reference in facts.answered_references:
        found = await _request(conn, receiver, reference)
        if found is not None:
            return found
    return None


async def received_conversation(conn: AsyncConnection, message_id: str) -> Answered | None:
    row = (await conn.execute(sa.select(received_messages.c.message_id, received_messages.c.conversation_id)
                              .where(received_messages.c.message_id == message_id))).first()
    return None if row is None else Answered(row.message_id, row.conversation_id)


async def _delivered(conn: AsyncConnection, code: str, addressee: str, sender: str, identification: str,
                     dated: object) -> Answered | None:
    b = mailbox.c
    query = (sa.select(b.message_id, b.conversation_id)
             .where(b.message_code == code, b.addressee == addressee, b.sender == sender,
                    b.identification == identification, b.dated == dated)
             .order_by(b.position.desc()).limit(1))
    row = (await conn.execute(query)).first()
    return None if row is None else Answered(row.message_id, row.conversation_id)


async def _received(conn: AsyncConnection, code: str, sender: str, receiver: str, identification: str,
                    dated: object) -> Answered | None:
    m = received_messages.c
    query = (sa.select(m.message_id, m.conversation_id)
             .where(m.message_code == code, m.sender == sender, m.receiver == receiver,
                    m.identification == identification, m.dated == dated)
             .order_by(m.position.desc()).limit(1))
    row = (await conn.execute(query)).first()
    return None if row is None else Answered(row.message_id, row.conversation_id)


async def _request(conn: AsyncConnection, provider: str, reference: str) -> Answered | None:
    """The latest JW315/JW317 the provider sent under this ReferentieAanbieder."""
    m, r = received_messages.c, message_references.c
    query = (sa.select(m.message_id, m.conversation_id)
             .join(message_references, r.message_id == m.message_id)
             .where(r.sender == provider, r.reference == reference, m.message_code.in_(REQUESTS))
             .order_by(m.position.desc()).limit(1))
    row = (await conn.execute(query)).first()
    return None if row is None else Answered(row.message_id, row.conversation_id)
