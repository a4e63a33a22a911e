"""The parties' mailboxes and the bytes of what was delivered, in SQL."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import fields
from datetime import datetime
from typing import Any, BinaryIO

import sqlalchemy as sa

from shared.persistence.blobs import insert_with_bytes
from services.gateway.adapters.sql.messages import filtered
from services.gateway.adapters.tables import mailbox, mailbox_bodies
from services.gateway.ports import Filters, MailboxMessage
from shared.persistence.rows import utc
from shared.persistence.sql_work import Source, connected

_COLUMNS = [f.name for f in fields(MailboxMessage)]


def mailbox_of(row: Any) -> MailboxMessage:
    acknowledged = None if row.acknowledged_at is None else utc(row.acknowledged_at)
    return MailboxMessage(**{name: getattr(row, name) for name in _COLUMNS}
                          | {"created_at": utc(row.created_at), "acknowledged_at": acknowledged})


class SqlMailbox:
    def __init__(self, source: Source) -> None:
        self._source = source

    async def items(self, mailboxes: frozenset[str], unacknowledged: bool) -> list[MailboxMessage]:
        b = mailbox.c
        query = sa.select(mailbox).where(b.addressee.in_(mailboxes)).order_by(b.position)
        if unacknowledged:
            query = query.where(b.acknowledged_at.is_(None))
        return await self._rows(query)

    async def page(self, mailboxes: frozenset[str], after: int, limit: int,
                   filters: Filters) -> list[MailboxMessage]:
        b = mailbox.c
        query = sa.select(mailbox).where(b.addressee.in_(mailboxes), b.position > after)
        query = filtered(query, b.message_code, b.sender, b.created_at, filters)
        if filters.acknowledged is not None:
            query = query.where(b.acknowledged_at.is_not(None) if filters.acknowledged else b.acknowledged_at.is_(None))
        return await self._rows(query.order_by(b.position).limit(limit))

    async def item(self, message_id: str, mailboxes: frozenset[str]) -> MailboxMessage | None:
        found = await self._rows(sa.select(mailbox).where(mailbox.c.message_id == message_id,
                                                          mailbox.c.addressee.in_(mailboxes)))
        return found[0] if found else None

    async def body(self, message_id: str) -> bytes | None:
        b = mailbox_bodies.c
        async with connected(self._source) as conn:
            found = await conn.scalar(sa.select(b.body).where(b.message_id == message_id))
        return None if found is None else bytes(found)

    async def deliver(self, messages: Sequence[MailboxMessage]) -> None:
        async with connected(self._source) as conn:
            await conn.execute(sa.insert(mailbox), [{name: getattr(m, name) for name in _COLUMNS} for m in messages])

    async def acknowledge(self, acknowledged: Sequence[tuple[str, datetime]]) -> None:
        b = mailbox.c
        statement = (sa.update(mailbox).where(b.message_id == sa.bindparam("p_id"), b.acknowledged_at.is_(None))
                     .values(acknowledged_at=sa.bindparam("p_at")))
        async with connected(self._source) as conn:
            await conn.execute(statement, [{"p_id": i, "p_at": at} for i, at in acknowledged])

    async def keep_body(self, message_id: str, body: bytes | BinaryIO) -> None:
        async with connected(self._source) as conn:
            await insert_with_bytes(conn, mailbox_bodies, {"message_id": message_id}, "body", body)

    async def _rows(self, query: sa.Select) -> list[MailboxMessage]:  # type: ignore[type-arg]
        async with connected(self._source) as conn:
            return [mailbox_of(row) for row in await conn.execute(query)]
