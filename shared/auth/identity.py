"""Staff identities in every service: the gateway publishes who the staff are (never their
passwords), each service projects that into its own kernel tables and looks bearer tokens up
there, so a service authenticates staff without reading another service's database."""

from __future__ import annotations

from dataclasses import asdict, dataclass

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncEngine

from shared.auth.principal import Role, StaffPrincipal
from shared.events.envelope import Envelope
from shared.events.registry import EventType
from shared.persistence.ports import UnitOfWork
from shared.persistence.tables import KernelTables

STAFF_IDENTIFIED = "identity.StaffIdentified"
TYPES = (EventType(STAFF_IDENTIFIED, 1),)


@dataclass(frozen=True)
class StaffIdentified:
    """The whole current identity of one user: roles, municipalities and token hashes."""

    username: str
    roles: list[str]
    municipalities: list[str]
    token_hashes: list[str]

    def payload(self) -> dict[str, object]:
        return asdict(self)


def identity_projector(tables: KernelTables):  # type: ignore[no-untyped-def]
    async def apply(uow: UnitOfWork, envelope: Envelope) -> None:
        staff = StaffIdentified(**envelope.payload)
        users, tokens = tables.staff, tables.staff_tokens
        conn = uow.connection
        await conn.execute(sa.delete(tokens).where(tokens.c.username == staff.username))
        await conn.execute(sa.delete(users).where(users.c.username == staff.username))
        await conn.execute(sa.insert(users).values(username=staff.username, roles=staff.roles,
                                                   municipalities=staff.municipalities))
        if staff.token_hashes:
            await conn.execute(sa.insert(tokens), [{"token_hash": h, "username": staff.username}
                                                   for h in staff.token_hashes])

    return apply


async def staff_by_token(engine: AsyncEngine, tables: KernelTables, hashed: str) -> StaffPrincipal | None:
    users, tokens = tables.staff, tables.staff_tokens
    query = sa.select(users).join(tokens, tokens.c.username == users.c.username).where(tokens.c.token_hash == hashed)
    async with engine.connect() as conn:
        row = (await conn.execute(query)).first()
    if row is None:
        return None
    return StaffPrincipal(row.username, row.username, frozenset(Role(r) for r in row.roles),
                          frozenset(row.municipalities))
