"""Read queries of the gateway: parties and tokens, received messages, mailboxes."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncEngine

from services.gateway.adapters.tables import (
    mailbox, mailbox_bodies, parties, party_tokens, received_messages, staff_passwords, staff_users,
)
from shared.auth.principal import PartyKind, PartyPrincipal


async def party_by_token(engine: AsyncEngine, token_hash: str) -> PartyPrincipal | None:
    query = (
        sa.select(parties.c.code, parties.c.kind, parties.c.on_behalf_of)
        .join(party_tokens, party_tokens.c.party_code == parties.c.code)
        .where(party_tokens.c.token_hash == token_hash)
    )
    async with engine.connect() as conn:
        row = (await conn.execute(query)).first()
    if row is None:
        return None
    return PartyPrincipal(row.code, PartyKind(row.kind), frozenset(row.on_behalf_of))


async def party_exists(engine: AsyncEngine, code: str) -> bool:
    async with engine.connect() as conn:
        return await conn.scalar(sa.select(parties.c.code).where(parties.c.code == code)) is not None


async def municipalities(engine: AsyncEngine) -> frozenset[str]:
    """The region's municipalities, as the region file registered them as parties."""
    async with engine.connect() as conn:
        codes = await conn.scalars(sa.select(parties.c.code).where(parties.c.kind == PartyKind.MUNICIPALITY.value))
        return frozenset(codes)


async def directory(engine: AsyncEngine, municipalities: frozenset[str]) -> list[Any]:
    """Names of the given municipalities and of every provider, for staff screens."""
    p = parties.c
    query = sa.select(p.code, p.kind, p.name).where(sa.or_(
        p.kind == PartyKind.PROVIDER.value,
        sa.and_(p.kind == PartyKind.MUNICIPALITY.value, p.code.in_(sorted(municipalities))),
    )).order_by(p.kind, p.name, p.code)
    async with engine.connect() as conn:
        return list(await conn.execute(query))


async def received_by_digest(engine: AsyncEngine, submitter: str, sha256: str) -> str | None:
    query = sa.select(received_messages.c.message_id).where(
        received_messages.c.submitter == submitter, received_messages.c.sha256 == sha256
    )
    async with engine.connect() as conn:
        return await conn.scalar(query)


async def received_message(engine: AsyncEngine, message_id: str, visible_to: frozenset[str]) -> Any:
    """The status row of a message the caller sent (or a hub sent for it); None otherwise."""
    m = received_messages.c
    query = (
        sa.select(received_messages)
        .where(m.message_id == message_id)
        .where(sa.or_(m.submitter.in_(visible_to), m.sender.in_(visible_to)))
    )
    async with engine.connect() as conn:
        return (await conn.execute(query)).first()


async def mailbox_items(engine: AsyncEngine, mailboxes: frozenset[str], unacknowledged: bool) -> list[Any]:
    b = mailbox.c
    query = sa.select(mailbox).where(b.addressee.in_(mailboxes)).order_by(b.position)
    if unacknowledged:
        query = query.where(b.acknowledged_at.is_(None))
    async with engine.connect() as conn:
        return list(await conn.execute(query))


async def mailbox_item(engine: AsyncEngine, message_id: str, mailboxes: frozenset[str],
                       with_body: bool = False) -> Any:
    """A mailbox row the caller may see, with the bytes when asked (they are a record of their own)."""
    query = sa.select(mailbox).where(mailbox.c.message_id == message_id, mailbox.c.addressee.in_(mailboxes))
    if with_body:
        query = query.add_columns(mailbox_bodies.c.body).join(
            mailbox_bodies, mailbox_bodies.c.message_id == mailbox.c.message_id)
    async with engine.connect() as conn:
        return (await conn.execute(query)).first()


async def staff_usernames(engine: AsyncEngine) -> set[str]:
    async with engine.connect() as conn:
        return set(await conn.scalars(sa.select(staff_users.c.username)))


async def staff_user(engine: AsyncEngine, username: str) -> Any:
    async with engine.connect() as conn:
        return (await conn.execute(staff_with_password(username))).first()


def staff_with_password(username: str) -> sa.Select:
    """The user's row with its password hash (None when it has none; a record of its own)."""
    return (
        sa.select(staff_users, staff_passwords.c.password_hash)
        .outerjoin(staff_passwords, staff_passwords.c.username == staff_users.c.username)
        .where(staff_users.c.username == username)
    )

