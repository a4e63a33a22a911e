"""Pages of a party's mailbox and of the messages it sent, by global position (domain/pages.py)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncEngine

from services.gateway.adapters.tables import mailbox, received_messages
from shared.clock import AMSTERDAM


@dataclass(frozen=True)
class Filters:
    message_code: str | None = None
    """"JW325" or "325" """
    party: str | None = None
    """the sender (mailbox) or the receiver (sent messages)"""
    since: date | None = None
    until: date | None = None
    """days in Dutch time, both included"""
    acknowledged: bool | None = None
    status: str | None = None


async def mailbox_page(engine: AsyncEngine, mailboxes: frozenset[str], after: int, limit: int,
                       filters: Filters) -> list[Any]:
    b = mailbox.c
    query = sa.select(mailbox).where(b.addressee.in_(mailboxes), b.position > after)
    query = _common(query, b.message_code, b.sender, b.created_at, filters)
    if filters.acknowledged is not None:
        query = query.where(b.acknowledged_at.is_not(None) if filters.acknowledged else b.acknowledged_at.is_(None))
    async with engine.connect() as conn:
        return list(await conn.execute(query.order_by(b.position).limit(limit)))


async def sent_page(engine: AsyncEngine, visible_to: frozenset[str], after: int, limit: int,
                    filters: Filters) -> list[Any]:
    m = received_messages.c
    query = sa.select(received_messages).where(
        sa.or_(m.submitter.in_(visible_to), m.sender.in_(visible_to)), m.position > after)
    query = _common(query, m.message_code, m.receiver, m.received_at, filters)
    if filters.status is not None:
        query = query.where(m.status == filters.status)
    async with engine.connect() as conn:
        return list(await conn.execute(query.order_by(m.position).limit(limit)))


def _common(query: sa.Select, code: sa.Column, party: sa.Column, at: sa.Column,  # type: ignore[type-arg]
            filters: Filters) -> sa.Select:  # type: ignore[type-arg]
    if filters.message_code:
        query = query.where(code == filters.message_code.upper().removeprefix("JW"))
    if filters.party:
        query = query.where(party == filters.party)
    if filters.since:
        query = query.where(at >= _start_of(filters.since))
    if filters.until:
        query = query.where(at < _start_of(filters.until + timedelta(days=1)))
    return query


def _start_of(day: date) -> datetime:
    """Midnight in the Netherlands, in UTC: how every timestamp is stored (SQLite keeps no zone)."""
    return datetime.combine(day, time(), AMSTERDAM).astimezone(UTC)
