"""Staff API for allocations (role access), scoped to the caller's municipalities."""

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request

from services.allocation.adapters.history import steps as history_steps
from services.allocation.api.refusals import actor, in_scope, refusals
from services.allocation.api.schemas import (
    AllocationOut,
    DeleteIn,
    ExtendIn,
    HistoryEntry,
    HistoryOut,
    IssueIn,
    ShortenIn,
)
from services.allocation.context import Allocations
from services.allocation.domain.allocation import AllocationVersion, status_of
from services.allocation.domain.allocation_commands import (
    DeleteAllocation,
    ExtendAllocation,
    IssueAllocation,
    ShortenAllocation,
)
from services.allocation.handlers import allocations as handle
from services.allocation.handlers.audit import Seen, audit_views
from services.allocation.ports import AllocationFilter, AllocationRow
from shared.api.bounds import Agb, AllocationNumber, Bsn, Category, Day, Gemeente, ProductCode
from shared.auth.http import not_found
from shared.auth.principal import Role, StaffPrincipal
from shared.auth.staff import StaffAuth

PREFIX = "/allocation/v1/allocations"
REFUSED = {404: {"description": "unknown, or outside your municipalities"},
           422: {"description": "a field is not valid, or a rule refused it (`errors`: rule, message, "
                 "retourcode)"}}


def allocations_router(ctx: Allocations, auth: StaffAuth) -> APIRouter:
    router = APIRouter(prefix=PREFIX, tags=["allocations"], responses=REFUSED)
    Access = Annotated[StaffPrincipal, Depends(auth.requires(Role.ACCESS))]

    def out(version: AllocationVersion) -> AllocationOut:
        return AllocationOut.of(version, status_of(version, ctx.clock.today()))

    @router.post("", status_code=201, response_model=AllocationOut, summary="Issue an allocation; "
                 "the provider gets a JW301 with all current allocations of the client (OP087)")
    async def issue(body: IssueIn, principal: Access, request: Request) -> AllocationOut:
        in_scope(principal, body.municipality, "municipality")
        details = None if body.client is None else body.client.model_dump(mode="json")
        with refusals("allocation"):
            version = await handle.issue(ctx, lambda number: _issue_command(body, number), body.allocation_number,
                                         body.municipality, details, actor(principal, request))
        return out(version)

    @router.post("/{municipality}/{number}/extend", response_model=AllocationOut, summary="Extend (oprekken, OP380)")
    async def extend(municipality: Gemeente, number: AllocationNumber, body: ExtendIn, principal: Access,
                     request: Request) -> AllocationOut:
        in_scope(principal, municipality, "allocation")
        command = ExtendAllocation(municipality, number, body.end, body.reason, body.comment,
                                   body.provider_reference)
        with refusals("allocation"):
            return out(await handle.change(ctx, command, actor(principal, request)))

    @router.post("/{municipality}/{number}/shorten", response_model=AllocationOut,
                 summary="Shorten or revoke (intrekken) with a RedenWijziging")
    async def shorten(municipality: Gemeente, number: AllocationNumber, body: ShortenIn, principal: Access,
                      request: Request) -> AllocationOut:
        in_scope(principal, municipality, "allocation")
        command = ShortenAllocation(municipality, number, body.end, body.reason, body.comment,
                                    body.provider_reference)
        with refusals("allocation"):
            return out(await handle.change(ctx, command, actor(principal, request)))

    @router.post("/{municipality}/{number}/delete", response_model=AllocationOut,
                 summary="Delete (RedenWijziging 13); refused when approved declarations exist (TR385)")
    async def delete(municipality: Gemeente, number: AllocationNumber, body: DeleteIn, principal: Access,
                     request: Request) -> AllocationOut:
        in_scope(principal, municipality, "allocation")
        with refusals("allocation"):
            return out(await handle.change(ctx, DeleteAllocation(municipality, number, body.comment),
                                           actor(principal, request)))

    @router.get("", response_model=list[AllocationOut], summary="Search by client, provider, product, status, period")
    async def search(principal: Access, request: Request, client_bsn: Bsn | None = None,
                     provider_agb: Agb | None = None, product_code: ProductCode | None = None,
                     category: Category | None = None,
                     status: str | None = Query(None, pattern="^(active|ended|deleted)$"),
                     period_start: Day | None = None, period_end: Day | None = None,
                     limit: int = Query(200, ge=1, le=1000)) -> list[AllocationOut]:
        found = AllocationFilter(principal.municipalities, client_bsn, provider_agb, product_code, category,
                                       status, period_start, period_end)
        rows = await ctx.queries.allocations.search(found, ctx.clock.today(), limit)
        await audit_views(ctx, actor(principal, request), "allocation.search", [
            Seen(row.client_bsn, row.municipality, f"allocation {row.municipality}/{row.allocation_number}") for row in rows])
        return [_row_out(row, ctx.clock.today()) for row in rows]

    @router.get("/{municipality}/{number}", response_model=HistoryOut, summary="An allocation and its full "
                "history: every version, who recorded it and what it changed")
    async def history(municipality: Gemeente, number: AllocationNumber, principal: Access,
                      request: Request) -> HistoryOut:
        in_scope(principal, municipality, "allocation")
        row = await ctx.queries.allocations.row(municipality, number)
        if row is None:
            raise not_found("allocation")
        events = await handle.history(ctx, municipality, number)
        await audit_views(ctx, actor(principal, request), "allocation.read",
                          [Seen(row.client_bsn, municipality, f"allocation {municipality}/{number}")])
        return HistoryOut(allocation=_row_out(row, ctx.clock.today()), history=[
            HistoryEntry(event=s.event.type, recorded_at=s.event.occurred_at, recorded_by=s.recorded_by,
                         changed=list(s.changed), payload=s.event.payload) for s in history_steps(events)])

    return router


def _issue_command(body: IssueIn, number: int) -> IssueAllocation:
    return IssueAllocation(
        body.municipality, number, body.client_bsn, body.provider_agb,
        None if body.product is None else body.product.value(), body.start, body.end,
        None if body.extent is None else body.extent.value(), body.budget, body.referrer_type,
        body.provider_reference, body.comment)


def _row_out(row: AllocationRow, today: date) -> AllocationOut:
    version = row.version
    return AllocationOut.of(version, status_of(version, today), row.receipt, row.receipt_codes)
