"""Received messages, their status and bytes, and the conversations they belong to, in SQL."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import fields
from datetime import UTC, date, datetime, time, timedelta
from typing import Any, BinaryIO

import sqlalchemy as sa

from shared.persistence.blobs import insert_with_bytes
from services.gateway.adapters.tables import mailbox, message_references, received_bodies, received_messages
from services.gateway.domain.conversations import ANSWERS, REQUESTS, Facts
from services.gateway.ports import Answered, Filters, ReceivedMessage, StatusChange
from shared.clock import AMSTERDAM
from shared.persistence.rows import utc
from shared.persistence.sql_work import Source, connected

_RECEIVED = [f.name for f in fields(ReceivedMessage)]


def received_of(row: Any) -> ReceivedMessage:
    return ReceivedMessage(**{name: getattr(row, name) for name in _RECEIVED} | {"received_at": utc(row.received_at)})


class SqlMessages:
    def __init__(self, source: Source) -> None:
        self._source = source

    async def by_digest(self, submitter: str, sha256: str) -> str | None:
        m = received_messages.c
        async with connected(self._source) as conn:
            return await conn.scalar(sa.select(m.message_id).where(m.submitter == submitter, m.sha256 == sha256))

    async def sent_by(self, message_id: str, visible_to: frozenset[str]) -> ReceivedMessage | None:
        m = received_messages.c
        query = sa.select(received_messages).where(
            m.message_id == message_id, sa.or_(m.submitter.in_(visible_to), m.sender.in_(visible_to)))
        async with connected(self._source) as conn:
            row = (await conn.execute(query)).first()
        return None if row is None else received_of(row)

    async def page(self, visible_to: frozenset[str], after: int, limit: int,
                   filters: Filters) -> list[ReceivedMessage]:
        m = received_messages.c
        query = sa.select(received_messages).where(
            sa.or_(m.submitter.in_(visible_to), m.sender.in_(visible_to)), m.position > after)
        query = filtered(query, m.message_code, m.receiver, m.received_at, filters)
        if filters.status is not None:
            query = query.where(m.status == filters.status)
        async with connected(self._source) as conn:
            return [received_of(row) for row in await conn.execute(query.order_by(m.position).limit(limit))]

    async def add(self, messages: Sequence[ReceivedMessage], references: Sequence[tuple[str, str, str]]) -> None:
        async with connected(self._source) as conn:
            await conn.execute(sa.insert(received_messages), [
                {name: getattr(m, name) for name in _RECEIVED} for m in messages])
            if references:
                await conn.execute(sa.insert(message_references), [
                    {"sender": s, "reference": r, "message_id": i} for s, r, i in references])

    async def report(self, changes: Sequence[StatusChange]) -> None:
        m = received_messages.c
        statement = (sa.update(received_messages).where(m.message_id == sa.bindparam("p_id"))
                     .values(status=sa.bindparam("p_status"),
                             answer_id=sa.func.coalesce(sa.bindparam("p_answer", type_=sa.String()), m.answer_id)))
        async with connected(self._source) as conn:
            await conn.execute(statement, [{"p_id": c.message_id, "p_status": c.status, "p_answer": c.answer_id}
                                           for c in changes])

    async def keep_body(self, message_id: str, body: bytes | BinaryIO) -> None:
        async with connected(self._source) as conn:
            await insert_with_bytes(conn, received_bodies, {"message_id": message_id}, "body", body)

    async def body(self, message_id: str) -> bytes | None:
        b = received_bodies.c
        async with connected(self._source) as conn:
            found = await conn.scalar(sa.select(b.body).where(b.message_id == message_id))
        return None if found is None else bytes(found)


class SqlConversations:
    def __init__(self, source: Source) -> None:
        self._source = source

    async def answered(self, code: str, sender: str, receiver: str, facts: Facts) -> Answered | None:
        """The answered message went the other way: a JW302 from a provider answers the JW301 in
        its mailbox; a JW319 or an honouring JW301 names a request by its ReferentieAanbieder."""
        queries = []
        if facts.original is not None and code in ANSWERS:
            identification, dated = facts.original
            b, m = mailbox.c, received_messages.c
            queries.append(sa.select(b.message_id, b.conversation_id).where(
                b.message_code == ANSWERS[code], b.addressee == sender, b.sender == receiver,
                b.identification == identification, b.dated == dated).order_by(b.position.desc()).limit(1))
            queries.append(sa.select(m.message_id, m.conversation_id).where(
                m.message_code == ANSWERS[code], m.sender == receiver, m.receiver == sender,
                m.identification == identification, m.dated == dated).order_by(m.position.desc()).limit(1))
        queries += [_request(receiver, reference) for reference in facts.answered_references]
        async with connected(self._source) as conn:
            for query in queries:
                row = (await conn.execute(query)).first()
                if row is not None:
                    return Answered(row.message_id, row.conversation_id)
        return None

    async def of_received(self, message_id: str) -> Answered | None:
        m = received_messages.c
        async with connected(self._source) as conn:
            row = (await conn.execute(sa.select(m.message_id, m.conversation_id)
                                      .where(m.message_id == message_id))).first()
        return None if row is None else Answered(row.message_id, row.conversation_id)


def _request(provider: str, reference: str) -> sa.Select:  # type: ignore[type-arg]
    """The latest JW315/JW317 the provider sent under this ReferentieAanbieder."""
    m, r = received_messages.c, message_references.c
    return (sa.select(m.message_id, m.conversation_id)
            .join(message_references, r.message_id == m.message_id)
            .where(r.sender == provider, r.reference == reference, m.message_code.in_(REQUESTS))
            .order_by(m.position.desc()).limit(1))


def filtered(query: sa.Select, code: sa.Column, party: sa.Column, at: sa.Column,  # type: ignore[type-arg]
             filters: Filters) -> sa.Select:  # type: ignore[type-arg]
    if filters.message_code:
        query = query.where(code == filters.message_code.upper().removeprefix("JW"))
    if filters.party:
        query = query.where(party == filters.party)
    if filters.since:
        query = query.where(at >= start_of(filters.since))
    if filters.until:
        query = query.where(at < start_of(filters.until + timedelta(days=1)))
    return query


def start_of(day: date) -> datetime:
    """Midnight in the Netherlands, in UTC: how every timestamp is stored (SQLite keeps no zone)."""
    return datetime.combine(day, time(), AMSTERDAM).astimezone(UTC)
