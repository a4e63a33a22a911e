"""Parties and staff users, as the region file describes them: registering is idempotent, and
only a change becomes an event, projected in the same transaction. Secrets arrive in clear from
the file and are hashed here; a password hash is kept as a record, not in the event, so an old
hash does not outlive its password in the immutable store. A new password ends the user's open
sessions; a user the file no longer lists is removed, with its tokens, password and sessions."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass

from services.gateway.context import Gateway
from services.gateway.domain.directory import (
    KnownParty, KnownStaff, RegisterParty, RegisterStaff, RemoveStaff, decide_register_party, decide_register_staff,
    decide_remove_staff, party_stream,
)
from services.gateway.domain.events import PartyRegistered, StaffUserRegistered
from services.gateway.ports import GatewayPorts
from shared.audit import AuditEntry
from shared.auth.identity import stream_of
from shared.auth.policy import require_strong_password
from shared.auth.principal import PartyKind, Role
from shared.auth.secrets import password_hash, password_matches, token_hash
from shared.commands import Command, Decision


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
    return await gw.commands(REGISTER_PARTY, RegisterParty(spec.code, spec.kind, spec.name,
                                                           tuple(token_hash(t) for t in spec.tokens), spec.on_behalf_of))


async def register_staff(gw: Gateway, spec: StaffSpec) -> int:
    if spec.password is not None:
        require_strong_password(spec.password, spec.username)
    command = RegisterStaff(spec.username, tuple(r.value for r in spec.roles), spec.municipalities,
                            tuple(token_hash(t) for t in spec.tokens), _ended_by_region(spec.username, "password changed"),
                            spec.name)
    return await gw.commands(Command(_staff_stream, decide_register_staff, _known_staff(gw, spec.password),
                                     _keep_password), command)


async def remove_staff(gw: Gateway, username: str) -> None:
    await gw.commands(Command(lambda c: [stream_of(c.username)], decide_remove_staff, _open_sessions(gw),
                              _forget_password), RemoveStaff(username, _ended_by_region(username, "user removed")))


def _ended_by_region(username: str, reason: str) -> AuditEntry:
    """Nobody signed in asked for it: the entry names the user whose session ended, and why."""
    return AuditEntry(username, (), "logout", reason=f"session ended by a region load: {reason}")


async def _known_party(ports: GatewayPorts, c: RegisterParty) -> KnownParty:
    current = await ports.parties.get(c.code)
    registered = None if current is None else PartyRegistered(current.code, current.kind, current.name,
                                                              current.on_behalf_of)
    return KnownParty(registered, frozenset(await ports.parties.known_tokens(c.token_hashes)),
                      frozenset(await ports.parties.token_hashes(c.code)))


def _known_staff(gw: Gateway, password: str | None):  # type: ignore[no-untyped-def]
    async def known(ports: GatewayPorts, c: RegisterStaff) -> KnownStaff:
        user = await ports.staff.user(c.username)
        current = None if user is None else StaffUserRegistered(user.username, user.roles, user.municipalities,
                                                                name=user.name)
        kept = user.password_hash if user is not None else None
        hashed = await asyncio.to_thread(_password_hash_for, password, kept)
        return KnownStaff(current, kept, hashed, tuple(await ports.staff.token_hashes(c.username)),
                          frozenset(await ports.staff.known_tokens(c.token_hashes)),
                          tuple(await ports.sessions.open_of(c.username, gw.clock.now())))

    return known


async def _keep_password(ports: GatewayPorts, c: RegisterStaff, decision: Decision[int]) -> None:
    for new_hash in decision.records:
        await ports.staff.set_password(c.username, new_hash)


def _open_sessions(gw: Gateway):  # type: ignore[no-untyped-def]
    async def open_sessions(ports: GatewayPorts, c: RemoveStaff) -> list[str]:
        return await ports.sessions.open_of(c.username, gw.clock.now())

    return open_sessions


async def _forget_password(ports: GatewayPorts, c: RemoveStaff, _: Decision[None]) -> None:
    await ports.staff.forget_password(c.username)


def _staff_stream(c: RegisterStaff) -> list[str]:
    return [stream_of(c.username)]


def _password_hash_for(password: str | None, kept: str | None) -> str | None:
    """The hash to store: the kept one when the file gives no password or the same one (scrypt is
    slow on purpose, so this runs off the event loop), a fresh one when it changed."""
    if password is None or (kept is not None and password_matches(password, kept)):
        return kept
    return password_hash(password)


REGISTER_PARTY: Command = Command(lambda c: [party_stream(c.code)], decide_register_party, _known_party)
