"""The lawfulness evidence (rechtmatigheid) per municipality and year, as of any date: totals per
criterion against the reporting threshold (JSON, or XLSX with one sheet per criterion), and the
drill-down from any total to its lines. For controllers, finance, regional admins and auditors,
each for the municipalities they are bound to ("regio": what a region-wide contract paid)."""

from collections.abc import Awaitable, Callable
from datetime import date
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Query, Request, Response

from services.payments.adapters.lawfulness_workbook import workbook
from services.payments.api.access import region_of, visible
from services.payments.api.lawfulness_schemas import LawfulnessOut, LineOut, LinesPage
from services.payments.context import Payments
from services.payments.domain.lawfulness import LawfulnessReport
from services.payments.handlers.lawfulness import report_as_of
from shared.api.bounds import Day, Year
from shared.audit import AuditEntry, Origin
from shared.auth.http import not_found
from shared.auth.principal import StaffPrincipal

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
Municipality = Annotated[str, Query(pattern=r"^(\d{4}|regio)$", examples=["0193"],
                                    description="a municipality, or `regio` for what region-wide contracts paid")]
AsOf = Annotated[Day | None, Query(description="only what was recorded up to the end of this day (Dutch time) "
                                               "counts; today when absent")]


def lawfulness_router(ctx: Payments, reader: Callable[..., Awaitable[StaffPrincipal]]) -> APIRouter:
    router = APIRouter(prefix="/payments/v1/reports/lawfulness", tags=["reports"])
    Reader = Annotated[StaffPrincipal, Depends(reader)]

    async def report(principal: StaffPrincipal, request: Request, municipality: str, year: int,
                     as_of: date | None, action: str) -> LawfulnessReport:
        if not visible(principal, municipality, await region_of(ctx.queries)):
            raise not_found("municipality")
        found = await report_as_of(ctx.queries.recorded, municipality, year, as_of or ctx.clock.today())
        await ctx.audit.record_alone(ctx.store, AuditEntry.by_staff(  # type: ignore[arg-type]
            principal, Origin.of(request), action, object=f"{municipality} {year} as of {found.as_of}",
            municipality=None if municipality == "regio" else municipality))
        return found

    @router.get("", response_model=LawfulnessOut, responses={200: {"content": {XLSX: {}}}},
                summary="Totals per criterion (budget, conditions, misuse) against the reporting threshold; "
                        "`format=xlsx`: one sheet per criterion with every line")
    async def totals(municipality: Municipality, year: Year, principal: Reader, request: Request,
                     as_of: AsOf = None, format: Literal["json", "xlsx"] = "json") -> Response:
        found = await report(principal, request, municipality, year, as_of, f"lawfulness.{format}")
        if format == "xlsx":
            name = f"rechtmatigheid-{municipality}-{year}-{found.as_of.isoformat()}.xlsx"
            return Response(workbook(found), media_type=XLSX,
                            headers={"Content-Disposition": f'attachment; filename="{name}"'})
        return Response(LawfulnessOut.of(found).model_dump_json(), media_type="application/json")

    @router.get("/lines", response_model=LinesPage,
                summary="The lines behind a total: every paid line traced to its payment, JW325 line and evidence")
    async def lines(municipality: Municipality, year: Year, principal: Reader, request: Request,
                    as_of: AsOf = None, criterion: Literal["budget", "conditions", "misuse"] | None = None,
                    status: Literal["lawful", "uncertain", "unlawful"] | None = None,
                    reason: Annotated[str | None, Query(max_length=40, examples=["override"])] = None,
                    limit: Annotated[int, Query(ge=1, le=500)] = 100,
                    offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0) -> LinesPage:
        found = await report(principal, request, municipality, year, as_of, "lawfulness.lines")
        chosen = [line for line in found.lines if _fits(line.verdicts, criterion, status, reason)]
        page = chosen[offset:offset + limit]
        return LinesPage(items=[LineOut.of(line) for line in page], total=len(chosen),
                         next_offset=offset + limit if offset + limit < len(chosen) else None)

    return router


def _fits(verdicts, criterion: str | None, status: str | None, reason: str | None) -> bool:  # type: ignore[no-untyped-def]
    """A line is behind a total when a verdict (of the criterion asked, or any) puts part of its
    amount under the status asked (a line partly beyond its budget is behind both totals), for the
    reason asked."""
    chosen = [verdicts[criterion]] if criterion else list(verdicts.values())
    return any((status is None or getattr(v, status) != 0) and (reason is None or v.reason == reason) for v in chosen)
