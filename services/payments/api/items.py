"""Payable items for role finance: what is due, in a run, paid or offset against advances."""

from typing import Annotated, Literal

from fastapi import APIRouter, Depends

from services.payments.adapters import views
from services.payments.api.access import visible
from services.payments.api.schemas import ItemOut
from services.payments.context import Payments
from shared.api.bounds import Agb, ShortText
from shared.auth.principal import Role, StaffPrincipal
from shared.auth.staff import StaffAuth

Kind = Literal["line", "credit", "advance", "settlement"]


def items_router(ctx: Payments, auth: StaffAuth) -> APIRouter:
    router = APIRouter(prefix="/payments/v1/items", tags=["payable items"])
    Finance = Annotated[StaffPrincipal, Depends(auth.requires(Role.FINANCE))]

    @router.get("", response_model=list[ItemOut], summary="Payable items in your municipalities")
    async def list_items(principal: Finance, status: ShortText | None = None, provider: Agb | None = None,
                         kind: Kind | None = None) -> list[ItemOut]:
        async with ctx.db.engines.read.connect() as conn:
            rows = await views.item_rows(conn, status, provider, kind)
            region = await views.region_municipalities(conn)
        return [ItemOut.model_validate(row._mapping, from_attributes=False)
                for row in rows if visible(principal, row.municipality, region)]

    return router
