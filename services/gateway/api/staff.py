"""Staff sign-in for the web pages (a signed session cookie), who-am-I, the directory of names
the staff screens show, and the audit log."""

from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Query, Request, Response
from pydantic import BaseModel, Field

from services.gateway.adapters import store
from services.gateway.api.schemas import AuditRecord, Directory, Party, StaffMe
from services.gateway.context import Gateway
from services.gateway.handlers.staff import log_in
from shared.audit import AuditEntry, record
from shared.auth.http import client_app
from shared.auth.principal import PartyKind, Role, StaffPrincipal
from shared.auth.scope import require_all
from shared.auth.sessions import SESSION_COOKIE
from shared.auth.staff import StaffAuth
from shared.persistence.rows import utc


class Credentials(BaseModel):
    username: str = Field(max_length=200)
    password: str = Field(max_length=1000)


def staff_router(gw: Gateway, auth: StaffAuth) -> APIRouter:
    router = APIRouter(tags=["staff"])
    Staff = Annotated[StaffPrincipal, Depends(auth.requires())]
    Admin = Annotated[StaffPrincipal, Depends(auth.requires(Role.ADMIN))]

    @router.post("/auth/login", response_model=StaffMe, summary="Sign in; sets the session cookie")
    async def login(credentials: Credentials, request: Request, response: Response) -> StaffMe:
        principal = await log_in(gw, credentials.username, credentials.password, client_app(request))
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

    @router.get("/gateway/v1/audit", response_model=list[AuditRecord],
                summary="The audit log (admins bound to every municipality of the region)")
    async def audit(principal: Admin, request: Request, limit: int = Query(200, ge=1, le=5000)) -> list[AuditRecord]:
        # Entries name clients of every municipality: the log is the region's, not one municipality's.
        require_all(principal, await store.municipalities(gw.db.engines.read), "the audit log")
        audit_log = gw.db.tables.audit_log
        rows = await store.audit_entries(gw.db.engines.read, audit_log, limit)
        async with gw.db.unit_of_work() as uow:
            await record(uow.connection, audit_log, AuditEntry(principal.username, "staff", "audit.read",
                                                               client_app=client_app(request)), gw.clock.now())
            await uow.commit()
        return [AuditRecord.model_validate({**row._mapping, "at": utc(row.at)}, from_attributes=False) for row in rows]

    return router


def me_of(principal: StaffPrincipal) -> StaffMe:
    return StaffMe(username=principal.username, roles=sorted(principal.roles),
                   municipalities=sorted(principal.municipalities))
