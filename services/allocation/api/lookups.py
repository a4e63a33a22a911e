"""What the access team looks up before it allocates (role access, the caller's municipalities):
clients by BSN, surname or birth date, and the products contracted for a provider."""

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request

from services.allocation.ports import ClientQuery, FoundClient
from services.allocation.api.allocations import REFUSED
from services.allocation.api.lookup_schemas import ClientOut, ContractedProductOut, PeriodOut
from services.allocation.api.refusals import actor
from services.allocation.context import Allocations
from services.allocation.domain.allocation_rules import frequencies_for
from services.allocation.domain.register import Contracted, contracted_products
from services.allocation.handlers import register_admin
from services.allocation.handlers.audit import Actor, audit
from shared.api.bounds import Agb, Bsn, Day, Gemeente
from shared.api.problems import INVALID_REQUEST, Refusal
from shared.auth.principal import Role, StaffPrincipal
from shared.auth.staff import StaffAuth

CLIENTS = "/allocation/v1/clients"
CONTRACTED = "/allocation/v1/contracted-products"


def lookups_router(ctx: Allocations, auth: StaffAuth) -> APIRouter:
    router = APIRouter(tags=["allocations"], responses=REFUSED)
    Access = Annotated[StaffPrincipal, Depends(auth.requires(Role.ACCESS))]

    @router.get(CLIENTS, response_model=list[ClientOut], summary="Find clients by BSN, or by the start of the "
                "surname and/or the birth date; every client shown, and a BSN looked for, is in the audit log")
    async def clients(principal: Access, request: Request, bsn: Bsn | None = None,
                      surname: str | None = Query(None, min_length=2, max_length=200),
                      birth_date: Day | None = None, municipality: Gemeente | None = None,
                      limit: int = Query(20, ge=1, le=50)) -> list[ClientOut]:
        scope = principal.municipalities & ({municipality} if municipality else principal.municipalities)
        query = ClientQuery(frozenset(scope), bsn, (surname or "").strip() or None, birth_date)
        if not query.criteria:
            raise Refusal(422, "give a BSN, a surname or a birth date", type=INVALID_REQUEST,
                          errors=[{"field": "query.bsn", "message": "give a BSN, a surname or a birth date"}])
        found = await ctx.queries.clients.find(query, limit) if scope else []
        await _audit_search(ctx, actor(principal, request), query, found)
        return [ClientOut.of(c) for c in found]

    @router.get(CONTRACTED, response_model=list[ContractedProductOut], summary="Products contracted for "
                "providers in your municipalities, per contract: what an allocation may name (HF-CONTRACT), "
                "with the Frequenties its unit allows (CS338)")
    async def contracted(principal: Access, provider_agb: Agb | None = None,
                         municipality: Gemeente | None = None) -> list[ContractedProductOut]:
        scope = principal.municipalities & ({municipality} if municipality else principal.municipalities)
        register = await register_admin.current(ctx)
        names = await ctx.queries.region.product_names()
        return [_contracted_out(found, names) for found in contracted_products(register, frozenset(scope),
                                                                                 provider_agb)]

    return router


async def _audit_search(ctx: Allocations, by: Actor, query: ClientQuery, found: list[FoundClient]) -> None:
    """One entry per client shown (and one for a BSN looked for but not found): who saw whose data."""
    what = f"client search by {', '.join(query.criteria)}"
    shown = [(c.client_bsn, c.municipality) for c in found] or [(query.bsn, None)]
    async with ctx.store.unit_of_work() as work:
        for bsn, municipality in shown:
            await audit(work, ctx, by, "client.search", what, bsn, municipality)
        await work.commit()


def _contracted_out(found: Contracted, names: dict[str, str]) -> ContractedProductOut:
    contract, product, tariffs = found
    return ContractedProductOut(
        provider_agb=contract.provider_agb, contract_id=contract.contract_id,
        municipalities=sorted(contract.municipalities), category=product.category, code=product.code,
        name=names.get(product.code), unit=product.unit, variant=product.variant or None,
        frequencies=list(frequencies_for(product.unit)),
        periods=[PeriodOut(valid_from=t.valid_from, valid_until=t.valid_until) for t in tariffs])
