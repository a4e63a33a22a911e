"""Signing in and out. The password is checked against its scrypt hash off the event loop, with
the same work for a username that does not exist (shared/auth/secrets.py); every attempt, failed
or not, is in the audit log, in the transaction that starts the session, and so is every sign-out
that ends one."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass

from services.gateway.context import Gateway
from services.gateway.domain.sessions import SignIn, SignOut, decide_sign_in, decide_sign_out, session_stream
from shared.audit import ALLOWED, REFUSED, AuditEntry, Origin
from shared.auth.directory import principal_of
from shared.auth.principal import StaffPrincipal
from shared.auth.sessions import SessionCookie, new_session
from shared.commands import Command

SIGN_IN: Command = Command(lambda c: [], decide_sign_in)
SIGN_OUT: Command = Command(lambda c: [session_stream(c.session_hash)], decide_sign_out)


@dataclass(frozen=True)
class SignedIn:
    principal: StaffPrincipal
    cookie: SessionCookie


async def sign_in(gw: Gateway, username: str, password: str, where: Origin) -> SignedIn | None:
    user = await gw.queries.staff.user(username)
    stored = user.password_hash if user is not None else None
    ok = await asyncio.to_thread(gw.passwords.verify, password, stored)
    cookie = new_session(user.username, gw.clock.now()) if ok and user is not None else None
    audit = AuditEntry(username[:200], tuple(sorted(user.roles)) if cookie and user else (), "login",
                       outcome=ALLOWED if cookie else REFUSED, address=where.address, app=where.app)
    who = user.username if user is not None else username
    started = await gw.commands(SIGN_IN, SignIn(who, cookie, gw.session_max, gw.session_idle, audit))
    return None if started is None or user is None else SignedIn(principal_of(user), started)


async def sign_out(gw: Gateway, cookie: SessionCookie, where: Origin) -> None:
    """Signing out twice, or twice at once, ends the session once."""
    user = await gw.queries.staff.user(cookie.username)
    roles = tuple(sorted(user.roles)) if user is not None else ()
    await gw.commands(SIGN_OUT, SignOut(cookie.hashed, cookie.username,
                                        AuditEntry(cookie.username, roles, "logout", address=where.address,
                                                   app=where.app)))
