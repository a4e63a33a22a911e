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


class StaffAuth:
    def __init__(self, lookup: TokenLookup, sessions: SessionSigner, clock: Clock) -> None:
        self._lookup = lookup
        self._sessions = sessions
        self._clock = clock

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
            if role is not None and not principal.has(role):
                raise HTTPException(status.HTTP_403_FORBIDDEN, f"this needs the {role.value} role")
            return principal

        return dependency
