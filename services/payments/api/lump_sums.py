"""Lump-sum, function and availability contracts (issue 17, item 1): schedule their periods and
settle a year (finance, for the whole region), and read their statements and monitoring
(controller or finance) — for staff bound to every municipality of the region, as a lump sum pays
for several at once (another's answers 403, a schedule named 404)."""


from typing import Annotated

from fastapi import APIRouter, Depends, Request, Response
from pydantic import BaseModel

from services.payments.api.access import audit, require_region, require_regional
from services.payments.api.exports import TABLE, Format, table_response
from services.payments.api.financing_access import financing_refusals, reader_of
from services.payments.api.report_tables import Names, with_names
from services.payments.api.runs import roles_of
from services.payments.api.schemas import ScheduleIn
from services.payments.context import Payments
from services.payments.domain.financing_tables import lump_sum_table, monitoring_table
from services.payments.handlers.financing import schedule_lump_sums, settle_lump_sum
from services.payments.handlers.financing_reports import lump_sum_statements, monitoring_view
from shared.api.bounds import Day, Identifier, Year
from shared.auth.principal import Role, StaffPrincipal
from shared.auth.staff import StaffAuth

PREFIX = "/payments/v1/lump-sums"


class LumpSumSettleIn(BaseModel):
    year: Year
    due_on: Day


def lump_sums_router(ctx: Payments, auth: StaffAuth) -> APIRouter:
    router = APIRouter(prefix=PREFIX, tags=["lump sums"])
    Finance = Annotated[StaffPrincipal, Depends(auth.requires(Role.FINANCE))]
    Reader = Annotated[StaffPrincipal, Depends(reader_of(auth))]

    async def region() -> list[str]:
        return [m["code"] for m in (await ctx.financing.region.sections()).get("municipalities") or []]

    async def regional(principal: StaffPrincipal) -> None:
        """Lump sums pay for several municipalities at once: staff bound to every one of them."""
        require_regional(principal, await region())

    async def schedule_of_region(principal: StaffPrincipal) -> None:
        require_region(principal, await region(), "lump-sum schedule")

    @router.get("", responses=TABLE, summary="Each lump-sum schedule's year: paid, open, production, balance")
    async def statements(year: Year, principal: Reader, as_of: Day | None = None, format: Format = "json") -> Response:
        await regional(principal)
        found = await lump_sum_statements(ctx, year, as_of, frozenset(principal.municipalities))
        names = Names.of(await ctx.financing.region.sections())
        return table_response(with_names(lump_sum_table(found, f"vaste bedragen {year}"), names), format)

    @router.post("/schedule", summary="Book every lump-sum period started by a date as a payable item")
    async def schedule(body: ScheduleIn, principal: Finance, request: Request) -> dict[str, int]:
        await regional(principal)
        with financing_refusals():
            booked = await schedule_lump_sums(ctx, body.up_to, principal.username, roles_of(principal),
                                              audit(principal, request, "payments.lump_sums.schedule", str(body.up_to)))
        return {"scheduled": booked}

    @router.post("/{schedule_id}/settle", summary="Settle a lump-sum year: production against the lump sum")
    async def settle(schedule_id: Identifier, body: LumpSumSettleIn, principal: Finance,
                     request: Request) -> dict[str, object]:
        await schedule_of_region(principal)
        entry = audit(principal, request, "payments.lump_sums.settle", f"{schedule_id} {body.year}")
        with financing_refusals():
            decided = await settle_lump_sum(ctx, schedule_id, body.year, body.due_on, principal.username,
                                            roles_of(principal), entry)
        return {"settled": bool(decided), "balance": decided[0].balance if decided else None}

    @router.get("/{schedule_id}/monitoring", responses=TABLE,
                summary="Clients in care, starts and stops (JW305/JW307) and production per month")
    async def monitoring(schedule_id: Identifier, year: Year, principal: Reader, format: Format = "json") -> Response:
        await schedule_of_region(principal)
        with financing_refusals():
            terms, months = await monitoring_view(ctx, schedule_id, year, frozenset(principal.municipalities))
        return table_response(monitoring_table(months, f"monitoring {terms.schedule_id} {year}"), format)

    return router
