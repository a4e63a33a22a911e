"""Staff authentication for every service API: the session cookie of the web pages (a session
the gateway started and has not ended, within its timeouts) or a bearer token; a missing role
answers 403 and is a refused entry in the service's audit trail. Roles and municipalities always
come from the user's current identity here."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import timedelta

import sqlalchemy as sa
from fastapi import HTTPException, Request, status

from shared.audit import AuditTrail, refusals_recorder
from shared.auth.cookies import is_secure, renew_later
from shared.auth.directory import Directory, StaffDirectory
from shared.auth.principal import Role, StaffPrincipal
from shared.auth.sessions import SESSION_COOKIE, SessionCookie, SessionRecord, SessionSigner, refusal
from shared.auth.throttle import Throttle
from shared.auth.tokens import TokenGuard
from shared.clock import Clock
from shared.service import ServiceContainer

RefusalHook = Callable[[StaffPrincipal, Request, str], Awaitable[None]]
"""Told of every call a known staff user was refused for their role (the audit log records it)."""

ARRIVAL_WAIT = timedelta(seconds=2)
"""How long a request waits for the start of a session signed in the last minute that this
service has not heard of yet. The bus brings it within a fraction of a second, and the first
request after signing in must not fail on that race; but a signature alone never lets anybody
in — the session must be one the gateway started — so the shared secret by itself opens nothing."""
RECENT = timedelta(minutes=1)
POLL_SECONDS = 0.05


@dataclass(frozen=True)
class OpenSession:
    cookie: SessionCookie
    principal: StaffPrincipal
    record: SessionRecord


class StaffAuth:
    def __init__(self, directory: Directory, tokens: TokenGuard, signer: SessionSigner, clock: Clock,
                 behind_tls_proxy: bool = False, arrival_wait: timedelta = ARRIVAL_WAIT,
                 refused: RefusalHook | None = None) -> None:
        self._directory, self._tokens, self._signer, self._clock = directory, tokens, signer, clock
        self._behind_tls_proxy, self._arrival_wait = behind_tls_proxy, arrival_wait.total_seconds()
        self._refused = refused

    async def principal(self, request: Request) -> StaffPrincipal:
        if (session := await self.session(request)) is not None:
            return session.principal
        return await self._tokens.identify(request, self._directory.by_token)

    async def session(self, request: Request) -> OpenSession | None:
        """The request's session while it holds (its activity stamp renewed), else None."""
        cookie = self.cookie(request)
        if cookie is None:
            return None
        found = await self._arrived(cookie)
        if found is None:
            return None
        principal, record = found
        now = self._clock.now()
        if record is None or refusal(cookie, record, now) is not None:
            return None
        renew_later(request, self._signer.sign(cookie.touched(now)), self.secure(request))
        return OpenSession(cookie, principal, record)

    async def _arrived(self, cookie: SessionCookie) -> tuple[StaffPrincipal, SessionRecord | None] | None:
        """The user and the session, waiting briefly for a session started a moment ago."""
        found = await self._directory.with_session(cookie.username, cookie.hashed)
        recent = self._clock.now().timestamp() - cookie.started <= RECENT.total_seconds()
        deadline = time.monotonic() + self._arrival_wait
        while found is not None and found[1] is None and recent and time.monotonic() < deadline:
            await asyncio.sleep(POLL_SECONDS)
            found = await self._directory.with_session(cookie.username, cookie.hashed)
        return found

    def cookie(self, request: Request) -> SessionCookie | None:
        value = request.cookies.get(SESSION_COOKIE)
        return None if value is None else self._signer.read(value)

    def secure(self, request: Request) -> bool:
        return is_secure(request, self._behind_tls_proxy)

    def requires(self, role: Role | None = None) -> Callable[[Request], Awaitable[StaffPrincipal]]:
        async def dependency(request: Request) -> StaffPrincipal:
            principal = await self.principal(request)
            if not principal.may(role, request.method):
                needed = f"the {role.value} role" if role else "a role that changes things (auditors only read)"
                if self._refused is not None:
                    await self._refused(principal, request, f"this needs {needed}")
                raise HTTPException(status.HTTP_403_FORBIDDEN, f"this needs {needed}")
            return principal

        return dependency


def token_guard(container: ServiceContainer, trail: AuditTrail) -> TokenGuard:
    """One per service app: its parties' and its staff's tokens count against one limit; each
    unknown token is a refused entry in the service's audit trail."""
    throttle = Throttle(container.settings.token_failures_per_source, f"{container.name}.tokens")
    return TokenGuard(throttle, container.db, trail)


def staff_auth(container: ServiceContainer, guard: TokenGuard, trail: AuditTrail, users: sa.Table | None = None,
               tokens: sa.Table | None = None, arrival_wait: timedelta = ARRIVAL_WAIT) -> StaffAuth:
    """Staff authentication at a service, on the identities it projects (or on `users` and
    `tokens`: the gateway's own read models); every call refused for the caller's role is a
    refused entry in the service's audit `trail`."""
    kernel, settings = container.db.tables, container.settings
    directory = StaffDirectory(container.db.engines.read, kernel.staff if users is None else users,
                               kernel.staff_tokens if tokens is None else tokens, kernel.staff_sessions)
    return StaffAuth(directory, guard, SessionSigner(settings.session_secret), container.clock,
                     settings.secure_cookies, arrival_wait, refusals_recorder(trail, container.db))
