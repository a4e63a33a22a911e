"""Signing in and out. The password is checked against its scrypt hash off the event loop, with
the same work for a username that does not exist (shared/auth/secrets.py); every attempt, failed
or not, is in the audit log, in the transaction that starts the session."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass

from services.gateway.adapters import store
from services.gateway.context import Gateway
from services.gateway.handlers.sessions import end_session, start_session
from shared.audit import AuditEntry, record
from shared.auth.directory import principal_of
from shared.auth.principal import StaffPrincipal
from shared.auth.sessions import SessionCookie
from shared.persistence.ports import ConcurrencyError


@dataclass(frozen=True)
class SignedIn:
    principal: StaffPrincipal
    cookie: SessionCookie


async def sign_in(gw: Gateway, username: str, password: str, app: str) -> SignedIn | None:
    row = await store.staff_user(gw.db.engines.read, username)
    stored = row.password_hash if row is not None else None
    ok = await asyncio.to_thread(gw.passwords.verify, password, stored)
    async with gw.db.unit_of_work() as uow:
        await record(uow.connection, gw.db.tables.audit_log, AuditEntry(
            username[:200], "staff", "login" if ok else "login.failed", client_app=app), gw.clock.now())
        cookie = await start_session(uow, gw, row.username) if ok else None
        await uow.commit()
    return SignedIn(principal_of(row), cookie) if cookie is not None else None


async def sign_out(gw: Gateway, cookie: SessionCookie, app: str) -> None:
    """Signing out twice, or twice at once, ends the session once."""
    try:
        async with gw.db.unit_of_work() as uow:
            if await end_session(uow, gw, cookie.hashed, cookie.username, "signed out"):
                await record(uow.connection, gw.db.tables.audit_log, AuditEntry(
                    cookie.username, "staff", "logout", client_app=app), gw.clock.now())
            await uow.commit()
    except ConcurrencyError:
        return
