"""The directory of names the staff screens show (sign-in: api/sessions.py; the audit log:
api/audit.py)."""

from typing import Annotated

from fastapi import APIRouter, Depends

from services.gateway.api.schemas import Directory, Party
from services.gateway.context import Gateway
from shared.auth.principal import PartyKind, StaffPrincipal
from shared.auth.staff import StaffAuth


def staff_router(gw: Gateway, auth: StaffAuth) -> APIRouter:
    router = APIRouter(tags=["staff"])
    Staff = Annotated[StaffPrincipal, Depends(auth.requires())]

    @router.get("/gateway/v1/directory", response_model=Directory,
                summary="Names of your municipalities and of the region's providers, for staff screens")
    async def directory(principal: Staff) -> Directory:
        rows = await gw.queries.parties.directory(principal.municipalities)
        named = {kind: [Party(code=r.code, name=r.name) for r in rows if r.kind == kind] for kind in PartyKind}
        return Directory(municipalities=named[PartyKind.MUNICIPALITY], providers=named[PartyKind.PROVIDER])

    return router
