"""Signing in and out. The password is checked against its scrypt hash off the event loop, with
the same work for a username that does not exist (shared/auth/secrets.py); every attempt, failed
or not, is in the audit log, in the transaction that starts the session, and so is every sign-out
that ends one."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass

from services.gateway.adapters import store
from services.gateway.context import Gateway
from services.gateway.handlers.sessions import end_session, start_session
from shared.audit import ALLOWED, REFUSED, AuditEntry, Origin
from shared.auth.directory import principal_of
from shared.auth.principal import StaffPrincipal
from shared.auth.sessions import SessionCookie
from shared.persistence.ports import ConcurrencyError


@dataclass(frozen=True)
class SignedIn:
    principal: StaffPrincipal
    cookie: SessionCookie


async def sign_in(gw: Gateway, username: str, password: str, where: Origin) -> SignedIn | None:
    row = await store.staff_user(gw.db.engines.read, username)
    stored = row.password_hash if row is not None else None
    ok = await asyncio.to_thread(gw.passwords.verify, password, stored)
    async with gw.db.unit_of_work() as uow:
        gw.audit.record(uow, AuditEntry(username[:200], tuple(sorted(row.roles)) if ok else (), "login",
                                        outcome=ALLOWED if ok else REFUSED, address=where.address, app=where.app))
        cookie = await start_session(uow, gw, row.username) if ok else None
        await uow.commit()
    return SignedIn(principal_of(row), cookie) if cookie is not None else None


async def sign_out(gw: Gateway, cookie: SessionCookie, where: Origin) -> None:
    """Signing out twice, or twice at once, ends the session once."""
    row = await store.staff_user(gw.db.engines.read, cookie.username)
    roles = tuple(sorted(row.roles)) if row is not None else ()
    try:
        async with gw.db.unit_of_work() as uow:
            if await end_session(uow, gw, cookie.hashed, cookie.username, "signed out"):
                gw.audit.record(uow, AuditEntry(cookie.username, roles, "logout", address=where.address,
                                                app=where.app))
            await uow.commit()
    except ConcurrencyError:
        return

