"""Payable items for role finance: what is due, in a run, paid or offset against advances."""

from typing import Annotated, Literal

from fastapi import APIRouter, Depends

from services.payments.api.access import region_of, visible
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
        found = await ctx.queries.runs.items(status, provider, kind)
        region = await region_of(ctx.queries)
        return [ItemOut.model_validate(item, from_attributes=True)
                for item in found if visible(principal, item.municipality, region)]

    return router
