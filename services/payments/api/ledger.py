"""The region's own ledger with its municipalities (issue 17, item 4): contributions against
spending per month, the equalisation statement per municipality — both as of any day — and PGB
transfers to the SVB. Every figure is scoped to the caller's municipalities; another's is 404."""


from typing import Annotated

from fastapi import APIRouter, Depends, Request, Response
from pydantic import BaseModel, Field

from services.payments.api.access import audit, require_municipality
from services.payments.api.exports import TABLE, Format, table_response
from services.payments.api.financing_access import financing_refusals, reader_of
from services.payments.api.report_tables import Names, with_names
from services.payments.api.runs import roles_of
from services.payments.context import Payments
from services.payments.domain.financing_tables import equalisation_table, ledger_table
from services.payments.domain.pgb import BookPgbTransfer
from services.payments.handlers.financing import book_pgb_transfer
from services.payments.handlers.financing_reports import ledger_view
from shared.api.bounds import Day, Gemeente, Reference, TotalCents, Year
from shared.auth.principal import Role, StaffPrincipal
from shared.auth.staff import StaffAuth

PREFIX = "/payments/v1/ledger"


class PgbTransferIn(BaseModel):
    municipality: Gemeente
    month: Day = Field(description="the first day of the month the budgets are for", examples=["2026-03-01"])
    amount: TotalCents = Field(description="eurocents", examples=[1250000])
    reference: Reference = Field(description="the SVB's reference of its request, e.g. its invoice number",
                                 examples=["SVB-2026-03"])
    due_on: Day


def ledger_router(ctx: Payments, auth: StaffAuth) -> APIRouter:
    router = APIRouter(prefix=PREFIX, tags=["ledger"])
    Finance = Annotated[StaffPrincipal, Depends(auth.requires(Role.FINANCE))]
    Reader = Annotated[StaffPrincipal, Depends(reader_of(auth))]

    def chosen(principal: StaffPrincipal, municipality: str | None) -> list[str]:
        if municipality is not None:
            require_municipality(principal, municipality, "municipality")
            return [municipality]
        return sorted(principal.municipalities)

    @router.get("", responses=TABLE, summary="Contributions against spending per municipality and month")
    async def months(year: Year, principal: Reader, municipality: Gemeente | None = None, as_of: Day | None = None,
                     format: Format = "json") -> Response:
        view = await ledger_view(ctx, year, as_of, chosen(principal, municipality))
        names = Names.of(await ctx.financing.region.sections())
        sheets = [] if view.statements is None else [with_names(equalisation_table(
            view.statements, f"verevening {year} per {view.as_of}"), names)]
        return table_response(with_names(ledger_table(view.months, f"grootboek {year} per {view.as_of}"), names),
                              format, sheets)

    @router.get("/equalisation", responses=TABLE,
                summary="Equalisation statement per municipality: what it owes or receives, as of a day")
    async def equalisation(year: Year, principal: Reader, municipality: Gemeente | None = None,
                           as_of: Day | None = None, format: Format = "json") -> Response:
        view = await ledger_view(ctx, year, as_of, chosen(principal, municipality))
        names = Names.of(await ctx.financing.region.sections())
        return table_response(with_names(equalisation_table(view.statements or (), f"verevening {year} per "
                                                                                   f"{view.as_of}"), names), format)

    @router.post("/pgb-transfers", status_code=201, summary="Book a municipality's PGB transfer to the SVB")
    async def pgb_transfer(body: PgbTransferIn, principal: Finance, request: Request) -> dict[str, object]:
        require_municipality(principal, body.municipality, "municipality")
        command = BookPgbTransfer(body.municipality, body.month, body.amount, body.reference, body.due_on,
                                  principal.username, roles_of(principal))
        entry = audit(principal, request, "payments.ledger.pgb", f"{body.municipality} {body.month:%Y-%m}")
        with financing_refusals():
            decided = await book_pgb_transfer(ctx, command, entry)
        return {"booked": bool(decided)}

    return router
