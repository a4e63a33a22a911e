"""The directory of names the staff screens show, and the audit log (sign-in: api/sessions.py)."""

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request

from services.gateway.adapters import store
from services.gateway.api.schemas import AuditRecord, Directory, Party
from services.gateway.context import Gateway
from shared.audit import AuditEntry, record
from shared.auth.http import client_app
from shared.auth.principal import PartyKind, Role, StaffPrincipal
from shared.auth.scope import require_all
from shared.auth.staff import StaffAuth
from shared.persistence.rows import utc


def staff_router(gw: Gateway, auth: StaffAuth) -> APIRouter:
    router = APIRouter(tags=["staff"])
    Staff = Annotated[StaffPrincipal, Depends(auth.requires())]
    Admin = Annotated[StaffPrincipal, Depends(auth.requires(Role.ADMIN))]

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

