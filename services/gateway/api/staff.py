"""The directory of names the staff screens show, and the audit log (sign-in: api/sessions.py)."""

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request

from services.gateway.api.schemas import AuditRecord, Directory, Party
from services.gateway.context import Gateway
from services.gateway.handlers.mailbox import AUDITED
from shared.audit import AuditEntry
from shared.auth.http import client_app
from shared.auth.principal import PartyKind, Role, StaffPrincipal
from shared.auth.scope import require_all
from shared.auth.staff import StaffAuth


def staff_router(gw: Gateway, auth: StaffAuth) -> APIRouter:
    router = APIRouter(tags=["staff"])
    Staff = Annotated[StaffPrincipal, Depends(auth.requires())]
    Admin = Annotated[StaffPrincipal, Depends(auth.requires(Role.ADMIN))]

    @router.get("/gateway/v1/directory", response_model=Directory,
                summary="Names of your municipalities and of the region's providers, for staff screens")
    async def directory(principal: Staff) -> Directory:
        rows = await gw.queries.parties.directory(principal.municipalities)
        named = {kind: [Party(code=r.code, name=r.name) for r in rows if r.kind == kind] for kind in PartyKind}
        return Directory(municipalities=named[PartyKind.MUNICIPALITY], providers=named[PartyKind.PROVIDER])

    @router.get("/gateway/v1/audit", response_model=list[AuditRecord],
                summary="The audit log (admins bound to every municipality of the region)")
    async def audit(principal: Admin, request: Request, limit: int = Query(200, ge=1, le=5000)) -> list[AuditRecord]:
        # Entries name clients of every municipality: the log is the region's, not one municipality's.
        require_all(principal, await gw.queries.parties.municipalities(), "the audit log")
        rows = await gw.queries.audit.newest(limit)
        await gw.commands(AUDITED, AuditEntry(principal.username, "staff", "audit.read", client_app=client_app(request)))
        return [AuditRecord.model_validate(row, from_attributes=False) for row in rows]

    return router

