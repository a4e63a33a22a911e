"""Staff sign-in for the web pages (a signed session cookie), who-am-I, and the directory of names
the staff screens show (the audit log: api/audit.py)."""

from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Request, Response
from pydantic import BaseModel, Field

from services.gateway.adapters import store
from services.gateway.api.schemas import Directory, Party, StaffMe
from services.gateway.context import Gateway
from services.gateway.handlers.staff import log_in
from shared.audit import Origin
from shared.auth.principal import PartyKind, StaffPrincipal
from shared.auth.sessions import SESSION_COOKIE
from shared.auth.staff import StaffAuth


class Credentials(BaseModel):
    username: str = Field(max_length=200)
    password: str = Field(max_length=1000)


def staff_router(gw: Gateway, auth: StaffAuth) -> APIRouter:
    router = APIRouter(tags=["staff"])
    Staff = Annotated[StaffPrincipal, Depends(auth.requires())]

    @router.post("/auth/login", response_model=StaffMe, summary="Sign in; sets the session cookie")
    async def login(credentials: Credentials, request: Request, response: Response) -> StaffMe:
        principal = await log_in(gw, credentials.username, credentials.password, Origin.of(request))
        if principal is None:
            raise HTTPException(401, "unknown user or wrong password")
        cookie = gw.sessions.sign(principal, gw.clock.now())
        response.set_cookie(SESSION_COOKIE, cookie, httponly=True, samesite="strict", max_age=8 * 3600)
        return me_of(principal)

    @router.post("/auth/logout", status_code=204, summary="Sign out")
    async def logout(response: Response) -> Response:
        response.delete_cookie(SESSION_COOKIE)
        response.status_code = 204
        return response

    @router.get("/auth/me", response_model=StaffMe, summary="Who you are signed in as")
    async def me(principal: Staff) -> StaffMe:
        return me_of(principal)

    @router.get("/gateway/v1/directory", response_model=Directory,
                summary="Names of your municipalities and of the region's providers, for staff screens")
    async def directory(principal: Staff) -> Directory:
        rows = await store.directory(gw.db.engines.read, principal.municipalities)
        named = {kind: [Party(code=r.code, name=r.name) for r in rows if r.kind == kind] for kind in PartyKind}
        return Directory(municipalities=named[PartyKind.MUNICIPALITY], providers=named[PartyKind.PROVIDER])

    return router


def me_of(principal: StaffPrincipal) -> StaffMe:
    return StaffMe(username=principal.username, roles=sorted(principal.roles),
                   municipalities=sorted(principal.municipalities))
