"""Staff API for the request work list (JW315/JW317, role access), scoped to the caller's
municipalities: honour, reject or put in onderzoek."""

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request

from services.allocation.api.allocations import REFUSED
from services.allocation.api.refusals import actor, in_scope, refusals
from services.allocation.api.schemas import HonourIn, RejectIn, RequestOut
from services.allocation.context import Allocations
from services.allocation.handlers import request_answers as answer
from services.allocation.handlers.audit import Seen, audit_views
from shared.api.bounds import Agb, Reference
from shared.auth.principal import Role, StaffPrincipal
from shared.auth.staff import StaffAuth

PREFIX = "/allocation/v1/requests"


def requests_router(ctx: Allocations, auth: StaffAuth) -> APIRouter:
    router = APIRouter(prefix=PREFIX, tags=["requests"], responses=REFUSED)
    Access = Annotated[StaffPrincipal, Depends(auth.requires(Role.ACCESS))]

    async def scoped(principal: StaffPrincipal, agb: str, reference: str) -> Any:
        row = await ctx.queries.requests.row(agb, reference)
        in_scope(principal, None if row is None else row.municipality, "request")
        return row

    async def current(agb: str, reference: str) -> RequestOut:
        return _out(await ctx.queries.requests.row(agb, reference))

    @router.get("", response_model=list[RequestOut], summary="The work list, most urgent first")
    async def work_list(principal: Access, request: Request, open_only: bool = True) -> list[RequestOut]:
        rows = await ctx.queries.requests.work_list(principal.municipalities, open_only)
        await audit_views(ctx, actor(principal, request), "request.list", [
            Seen(row.client_bsn, row.municipality, f"request {row.provider_agb}/{row.reference}") for row in rows])
        return [_out(row) for row in rows]

    @router.get("/{agb}/{reference}", response_model=RequestOut, summary="One request, answered or not")
    async def one(agb: Agb, reference: Reference, principal: Access, request: Request) -> RequestOut:
        row = await scoped(principal, agb, reference)
        await audit_views(ctx, actor(principal, request), "request.read",
                          [Seen(row.client_bsn, row.municipality, f"request {agb}/{reference}")])
        return _out(row)

    @router.post("/{agb}/{reference}/honour", response_model=RequestOut,
                 summary="Honour: a JW315 becomes an allocation whose JW301 carries the ReferentieAanbieder")
    async def honour(agb: Agb, reference: Reference, body: HonourIn, principal: Access, request: Request) -> RequestOut:
        await scoped(principal, agb, reference)
        with refusals("request"):
            await answer.honour(ctx, agb, reference, tuple(body.allocation_numbers), actor(principal, request),
                               body.adjustments())
        return await current(agb, reference)

    @router.post("/{agb}/{reference}/reject", response_model=RequestOut, summary="Reject: JW319 VerzoekAntwoord 1")
    async def reject(agb: Agb, reference: Reference, body: RejectIn, principal: Access, request: Request) -> RequestOut:
        await scoped(principal, agb, reference)
        with refusals("request"):
            await answer.reject(ctx, agb, reference, body.reason, body.responsible_municipality,
                                actor(principal, request))
        return await current(agb, reference)

    @router.post("/{agb}/{reference}/investigate", response_model=RequestOut,
                 summary="In onderzoek: JW319 VerzoekAntwoord 2 (final answer within 8 weeks)")
    async def investigate(agb: Agb, reference: Reference, principal: Access, request: Request) -> RequestOut:
        await scoped(principal, agb, reference)
        with refusals("request"):
            await answer.investigate(ctx, agb, reference, actor(principal, request))
        return await current(agb, reference)

    return router


def _out(row: Any) -> RequestOut:
    return RequestOut(provider_agb=row.provider_agb, reference=row.reference, municipality=row.municipality,
                      client_bsn=row.client_bsn, kind=row.kind, status=row.status, received_on=row.received_on,
                      due=row.due, requested=row.requested, answer=row.answer)
