"""Parties and staff users, as the region file describes them: registering is idempotent, and
only a change becomes an event, projected in the same transaction. Secrets arrive in clear from
the file and are hashed here; a password hash is kept as a record (staff_passwords), not in the
event, so an old hash does not outlive its password in the immutable store. A new password ends
the user's open sessions; a user the file no longer lists is removed, with its tokens, password
and sessions."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass

import sqlalchemy as sa

from services.gateway.adapters import store
from services.gateway.adapters.projections import project
from services.gateway.adapters.tables import parties, party_tokens, staff_passwords, staff_tokens
from services.gateway.context import Gateway
from services.gateway.domain import events as ev
from services.gateway.handlers.sessions import audit_ended_by_region, end_sessions_of, open_sessions
from shared.auth.identity import STAFF_IDENTIFIED, STAFF_REMOVED, StaffIdentified, stream_of
from shared.auth.policy import require_strong_password
from shared.auth.principal import PartyKind, Role
from shared.auth.secrets import password_hash, password_matches, token_hash
from shared.events.envelope import Envelope, NewEvent
from shared.persistence.ports import UnitOfWork


@dataclass(frozen=True)
class PartySpec:
    code: str
    kind: PartyKind
    name: str
    tokens: tuple[str, ...] = ()
    on_behalf_of: tuple[str, ...] = ()


@dataclass(frozen=True)
class StaffSpec:
    username: str
    roles: tuple[Role, ...]
    municipalities: tuple[str, ...]
    password: str | None = None
    tokens: tuple[str, ...] = ()
    name: str | None = None
    """The person's name, for the admins' screens (the username identifies)."""


async def register_party(gw: Gateway, spec: PartySpec) -> int:
    """Create or update a party and add its tokens; returns how many events it recorded."""
    async with gw.db.unit_of_work() as uow:
        stream = f"party-{spec.code}"
        version = len(await uow.load(stream))
        wanted = {"code": spec.code, "kind": spec.kind.value, "name": spec.name,
                  "on_behalf_of": sorted(spec.on_behalf_of)}
        current = (await uow.connection.execute(sa.select(parties).where(parties.c.code == spec.code))).first()
        new: list[NewEvent] = []
        if current is None or dict(current._mapping) != wanted:
            new.append(NewEvent(ev.PARTY_REGISTERED, 1, wanted, gw.clock.now()))
        for hashed in await _new_token_hashes(uow, party_tokens, spec.tokens):
            new.append(NewEvent(ev.PARTY_TOKEN_ISSUED, 1, {"code": spec.code, "token_hash": hashed}, gw.clock.now()))
        if new:
            await project(uow.connection, uow.append(stream, version, new))
        await uow.commit()
    return len(new)


async def register_staff(gw: Gateway, spec: StaffSpec) -> int:
    if spec.password is not None:
        require_strong_password(spec.password, spec.username)
    async with gw.db.unit_of_work() as uow:
        stream = stream_of(spec.username)
        version = len(await uow.load(stream))
        current = (await uow.connection.execute(store.staff_with_password(spec.username))).first()
        wanted = {"username": spec.username, "roles": sorted(r.value for r in spec.roles),
                  "municipalities": sorted(spec.municipalities), "name": spec.name}
        kept = current.password_hash if current is not None else None
        hashed = await asyncio.to_thread(_password_hash_for, spec.password, kept)
        new: list[NewEvent] = []
        if current is None or hashed != kept or (current.roles, current.municipalities, current.name) \
                != (wanted["roles"], wanted["municipalities"], wanted["name"]):
            new.append(NewEvent(ev.STAFF_USER_REGISTERED, 1, {**wanted, "password_changed": hashed != kept},
                                gw.clock.now()))
        if hashed != kept:
            await _upsert(uow, staff_passwords, staff_passwords.c.username, spec.username,
                          {"username": spec.username, "password_hash": hashed})
            await end_sessions_of(uow, gw, spec.username, "password changed")
        for token in await _new_token_hashes(uow, staff_tokens, spec.tokens):
            new.append(NewEvent(ev.STAFF_TOKEN_ISSUED, 1, {"username": spec.username, "token_hash": token},
                                gw.clock.now()))
        if new:
            await project(uow.connection, uow.append(stream, version, new))
            await _publish_identity(uow, gw, spec.username, wanted)
        await uow.commit()
    return len(new)


async def remove_staff(gw: Gateway, username: str) -> None:
    async with gw.db.unit_of_work() as uow:
        stream = stream_of(username)
        version = len(await uow.load(stream))
        payload = {"username": username}
        audit_ended_by_region(uow, gw, username, len(await open_sessions(uow, gw, username)), "user removed")
        removed = uow.append(stream, version, [NewEvent(ev.STAFF_USER_REMOVED, 1, payload, gw.clock.now())])
        await project(uow.connection, removed)
        await uow.connection.execute(sa.delete(staff_passwords).where(staff_passwords.c.username == username))
        uow.enqueue(gw.topic, [Envelope.of(stream, 0, NewEvent(STAFF_REMOVED, 1, payload, gw.clock.now(),
                                                               causation_id=removed[0].event_id))])
        await uow.commit()


def _password_hash_for(password: str | None, kept: str | None) -> str | None:
    """The hash to store: the kept one when the file gives no password or the same one (scrypt is
    slow on purpose, so this runs off the event loop), a fresh one when it changed."""
    if password is None or (kept is not None and password_matches(password, kept)):
        return kept
    return password_hash(password)


async def _publish_identity(uow: UnitOfWork, gw: Gateway, username: str, wanted: dict) -> None:  # type: ignore[type-arg]
    """Every service learns the user's whole current identity; never the password hash."""
    hashes = sorted(await uow.connection.scalars(
        sa.select(staff_tokens.c.token_hash).where(staff_tokens.c.username == username)))
    identity = StaffIdentified(username, wanted["roles"], wanted["municipalities"], hashes)
    uow.enqueue(gw.topic, [Envelope.of(stream_of(username), 0, NewEvent(
        STAFF_IDENTIFIED, 1, identity.payload(), gw.clock.now()))])


async def _upsert(uow: UnitOfWork, table: sa.Table, key: sa.Column, value: str, row: dict) -> None:  # type: ignore[type-arg]
    updated = await uow.connection.execute(sa.update(table).where(key == value).values(**row))
    if updated.rowcount == 0:
        await uow.connection.execute(sa.insert(table).values(**row))


async def _new_token_hashes(uow: UnitOfWork, table: sa.Table, tokens: tuple[str, ...]) -> list[str]:
    hashes = sorted({token_hash(t) for t in tokens})
    if not hashes:
        return []
    known = set(await uow.connection.scalars(sa.select(table.c.token_hash).where(table.c.token_hash.in_(hashes))))
    return [h for h in hashes if h not in known]
