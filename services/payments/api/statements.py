"""Bank statements for role finance (issue 15): importing the region account's camt.053 confirms
the transfers it shows executed and makes returned ones due again; the statements imported."""

from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Request
from pydantic import StringConstraints

from services.payments.adapters.camt053 import MAX_BYTES
from services.payments.api.access import audit, refusals, region_of, require_region, require_regional
from services.payments.api.runs import roles_of
from services.payments.api.read_schemas import RunStateOut, StatementOutcomeOut
from services.payments.api.schemas import BookedOut, StatementImportOut, StatementOut, StatementReturnOut
from services.payments.context import Payments
from services.payments.domain import events as ev
from services.payments.handlers.statements import import_statement
from shared.auth.http import not_found
from shared.auth.principal import Role, StaffPrincipal
from shared.auth.staff import StaffAuth

PREFIX = "/payments/v1/statements"
XML_BODY = {"required": True, "content": {"application/xml": {"schema": {"type": "string"},
                                                               "example": "<Document xmlns=\"urn:iso:std:iso:20022:"
                                                                          "tech:xsd:camt.053.001.02\">..."}}}


def statements_router(ctx: Payments, auth: StaffAuth) -> APIRouter:
    router = APIRouter(prefix=PREFIX, tags=["bank statements"])
    Finance = Annotated[StaffPrincipal, Depends(auth.requires(Role.FINANCE))]

    async def regional(principal: StaffPrincipal) -> None:
        """A statement settles runs, which pay every municipality: staff bound to all of them."""
        require_regional(principal, await region_of(ctx.queries))

    @router.post("", status_code=201, response_model=StatementImportOut, openapi_extra={"requestBody": XML_BODY},
                 responses={409: {}, 413: {}, 422: {}}, max_body_size=MAX_BYTES,
                 summary="Import a camt.053.001.02 statement of the region's account (409 when imported before)")
    async def import_(request: Request, principal: Finance) -> StatementImportOut:
        await regional(principal)
        xml = await read_limited(request, MAX_BYTES)
        with refusals():
            decided = await import_statement(ctx, xml, principal.username, roles_of(principal),
                                             audit(principal, request, "payments.statement.import"))
        return outcome(decided)

    @router.get("", response_model=list[StatementOut], summary="Bank statements imported, oldest first")
    async def imported(principal: Finance) -> list[StatementOut]:
        await regional(principal)
        found = await ctx.queries.statements.imported()
        return [StatementOut.model_validate(statement, from_attributes=True) for statement in found]

    @router.get("/{statement_id:path}", response_model=StatementOutcomeOut,
                summary="One imported statement: the transfers it booked and returned, and their runs now")
    async def one(statement_id: Annotated[str, StringConstraints(min_length=1, max_length=35)],
                  principal: Finance) -> StatementOutcomeOut:
        require_region(principal, await region_of(ctx.queries), "bank statement")
        found = await ctx.queries.statements.statement(statement_id)
        if found is None:
            raise not_found("bank statement")
        decided = await ctx.queries.statements.outcomes(statement_id)
        _, book = await ctx.queries.books.book()
        runs = [book.runs[r] for r in dict.fromkeys(e.run_id for e in decided)]
        return StatementOutcomeOut(
            **vars(found),
            booked=[BookedOut(run_id=e.run_id, provider=e.provider, amount=e.amount, booked_on=e.booked_on)
                    for e in decided if isinstance(e, ev.TransferBooked)],
            returned=[StatementReturnOut(run_id=e.run_id, provider=e.provider, amount=e.amount, reason=e.reason,
                                         returned_on=e.returned_on) for e in decided if isinstance(e, ev.TransferReturned)],
            runs=[RunStateOut(run_id=r.run_id, status=r.status, due_up_to=r.due_up_to) for r in runs])

    return router


async def read_limited(request: Request, limit: int) -> bytes:
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise HTTPException(413, f"a statement is at most {limit // (1024 * 1024)} MB")
        chunks.append(chunk)
    return b"".join(chunks)


def outcome(decided: list) -> StatementImportOut:
    imported = next(e for e in decided if isinstance(e, ev.BankStatementImported))
    return StatementImportOut(
        statement_id=imported.statement_id, account=imported.account, entries=imported.entries,
        matched=imported.matched,
        booked=[BookedOut(run_id=e.run_id, provider=e.provider, amount=e.amount, booked_on=e.booked_on)
                for e in decided if isinstance(e, ev.TransferBooked)],
        returned=[StatementReturnOut(run_id=e.run_id, provider=e.provider, amount=e.amount, reason=e.reason,
                                     returned_on=e.returned_on) for e in decided if isinstance(e, ev.TransferReturned)],
        confirmed=[e.run_id for e in decided if isinstance(e, ev.PaymentRunConfirmed)])
