"""Advances for role finance: schedule, settle per contract-year, and the settlement statements."""

from typing import Annotated

from fastapi import APIRouter, Depends, Request, Response

from services.payments.api.access import audit, refusals, region_of, require_regional
from services.payments.api.exports import TABLE, Format, table_response
from services.payments.api.runs import roles_of
from services.payments.api.schemas import ScheduleIn, SettleIn
from services.payments.context import Payments
from services.payments.domain import advances, statements
from services.payments.domain.commands import SettleAdvances
from services.payments.domain.report_tables import settlement_table
from services.payments.handlers.advances import schedule_advances
from services.payments.handlers.book import book_command
from shared.api.bounds import Agb, Year
from shared.auth.principal import Role, StaffPrincipal
from shared.auth.staff import StaffAuth

PREFIX = "/payments/v1/advances"


def advances_router(ctx: Payments, auth: StaffAuth) -> APIRouter:
    router = APIRouter(prefix=PREFIX, tags=["advances"])
    Finance = Annotated[StaffPrincipal, Depends(auth.requires(Role.FINANCE))]

    async def in_region(principal: StaffPrincipal) -> None:
        """Advances are scheduled, settled and shown per contract for the whole region at once."""
        require_regional(principal, await region_of(ctx.queries))

    @router.post("/schedule", summary="Schedule every contract's monthly advance for periods started by a date")
    async def schedule(body: ScheduleIn, principal: Finance, request: Request) -> dict[str, int]:
        await in_region(principal)
        entry = audit(principal, request, "payments.advances.schedule", str(body.up_to))
        with refusals():
            scheduled = await schedule_advances(ctx, body.up_to, principal.username, roles_of(principal), entry)
        return {"scheduled": scheduled}

    @router.post("/settle", summary="Settle a contract-year: pay or reclaim approved minus advances paid")
    async def settle(body: SettleIn, principal: Finance, request: Request) -> dict[str, object]:
        await in_region(principal)
        command = SettleAdvances(body.contract_id, body.year, body.due_on, principal.username, roles_of(principal))
        with refusals():
            decided = await book_command(ctx, advances.decide_settle_advances, command, audit(
                principal, request, "payments.advances.settle", f"{body.contract_id} {body.year}"))
        return {"settled": bool(decided), "balance": decided[0].balance if decided else None}

    @router.get("/settlements/{provider}", responses=TABLE,
                summary="Settlement statement per advance contract for a year")
    async def settlements(provider: Agb, year: Year, principal: Finance, format: Format = "json") -> Response:
        await in_region(principal)
        _, book = await ctx.queries.books.book()
        with refusals():
            found = statements.provider_settlements(book, provider, year)
        return table_response(settlement_table(found, f"settlement {provider} {year}"), format)

    return router
