"""Staff authentication for every service API: a bearer token (looked up by its hash) or the
signed session cookie of the web pages; a missing role answers 403."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from fastapi import HTTPException, Request, status

from shared.auth.http import bearer_token, unauthorized
from shared.auth.principal import Role, StaffPrincipal
from shared.auth.secrets import token_hash
from shared.auth.sessions import SESSION_COOKIE, SessionSigner
from shared.clock import Clock

TokenLookup = Callable[[str], Awaitable[StaffPrincipal | None]]
RefusalHook = Callable[[StaffPrincipal, Request, str], Awaitable[None]]
"""Told of every call a known staff user was refused for their role (the audit log records it)."""


class StaffAuth:
    def __init__(self, lookup: TokenLookup, sessions: SessionSigner, clock: Clock) -> None:
        self._lookup = lookup
        self._sessions = sessions
        self._clock = clock
        self._refused: RefusalHook | None = None

    def report_refusals(self, hook: RefusalHook) -> StaffAuth:
        self._refused = hook
        return self

    async def principal(self, request: Request) -> StaffPrincipal:
        cookie = request.cookies.get(SESSION_COOKIE)
        if cookie and (principal := self._sessions.verify(cookie, self._clock.now())):
            return principal
        found = await self._lookup(token_hash(bearer_token(request)))
        if found is None:
            raise unauthorized()
        return found

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
