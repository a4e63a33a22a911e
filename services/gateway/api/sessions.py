"""Staff sign-in for the web pages: a session on the server, named by a cookie; who-am-I, the
session itself, and signing out. Failed sign-ins are throttled per username and per address."""

from datetime import datetime, timedelta
from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Request, Response

from services.gateway.api.schemas import Credentials, SessionInfo, StaffMe
from services.gateway.context import Gateway
from services.gateway.handlers.staff import sign_in, sign_out
from shared.audit import Origin
from shared.auth.cookies import clear_session_cookie, set_session_cookie
from shared.auth.http import source_of
from shared.auth.principal import StaffPrincipal
from shared.auth.sessions import SessionRecord
from shared.auth.staff import StaffAuth
from shared.auth.throttle import Throttle, too_many


class SignInGuard:
    """Wrong passwords counted per username (whether it exists or not: the answer must not tell)
    and per source address; either over its limit answers 429 before any password is checked."""

    def __init__(self, per_account: str, per_source: str) -> None:
        self._account = Throttle(per_account, "sign-in.account")
        self._source = Throttle(per_source, "sign-in.source")

    async def check(self, username: str, source: str) -> None:
        waits = [w for w in (await self._account.retry_after(username), await self._source.retry_after(source))
                 if w is not None]
        if waits:
            raise too_many(max(waits), "failed sign-ins")

    async def failed(self, username: str, source: str) -> None:
        await self._account.failed(username)
        await self._source.failed(source)


def sessions_router(gw: Gateway, auth: StaffAuth, guard: SignInGuard) -> APIRouter:
    router = APIRouter(tags=["staff"])
    Staff = Annotated[StaffPrincipal, Depends(auth.requires())]

    @router.post("/auth/login", response_model=StaffMe, responses={401: {}, 429: {}},
                 summary="Sign in; sets the session cookie")
    async def login(credentials: Credentials, request: Request, response: Response) -> StaffMe:
        source = source_of(request)
        await guard.check(credentials.username, source)
        signed_in = await sign_in(gw, credentials.username, credentials.password, Origin.of(request))
        if signed_in is None:
            await guard.failed(credentials.username, source)
            raise HTTPException(401, "unknown user or wrong password")
        if (previous := auth.cookie(request)) is not None:  # the browser's session before this one
            await sign_out(gw, previous, Origin.of(request))
        set_session_cookie(response, gw.sessions.sign(signed_in.cookie), auth.secure(request))
        return me_of(signed_in.principal)

    @router.post("/auth/logout", status_code=204, summary="Sign out: ends the session at every service")
    async def logout(request: Request) -> Response:
        if (cookie := auth.cookie(request)) is not None:
            await sign_out(gw, cookie, Origin.of(request))
        response = Response(status_code=204)
        clear_session_cookie(response, auth.secure(request))
        return response

    @router.get("/auth/me", response_model=StaffMe, summary="Who you are signed in as")
    async def me(principal: Staff) -> StaffMe:
        return me_of(principal)

    @router.get("/auth/session", response_model=SessionInfo, responses={401: {}},
                summary="Your session: when it started and when it ends")
    async def session(request: Request) -> SessionInfo:
        found = await auth.session(request)
        if found is None:
            raise HTTPException(401, "no session: sign in at /auth/login")
        return session_info(found.principal, found.record, gw.clock.now())

    return router


def me_of(principal: StaffPrincipal) -> StaffMe:
    return StaffMe(username=principal.username, roles=sorted(principal.roles),
                   municipalities=sorted(principal.municipalities))


def session_info(principal: StaffPrincipal, record: SessionRecord, now: datetime) -> SessionInfo:
    """Just renewed, the session's idle end is a full idle timeout from now."""
    me = me_of(principal)
    idle_end = min(record.expires_at, now + timedelta(seconds=record.idle_seconds))
    return SessionInfo(username=me.username, roles=me.roles, municipalities=me.municipalities,
                       started_at=record.started_at, expires_at=record.expires_at, idle_expires_at=idle_end)
