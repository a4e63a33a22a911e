"""Payment runs for role finance (design.md §6): one SEPA file pays every provider what is due."""

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request, Response

from services.payments.api.access import audit, refusals, region_of, require_region, require_regional
from services.payments.api.specifications import SpecFormat, specification_response
from services.payments.api.schemas import (ApproveIn, CancelIn, ConfirmIn, CreateRunIn, ExportIn, ReturnIn, RunOut,
                                           RunSummary, SpecificationOut)
from services.payments.context import Payments
from services.payments.domain import commands as cmd
from services.payments.domain import returns, runs
from services.payments.domain.specification import specification
from services.payments.handlers import runs as handle
from services.payments.handlers.book import BookDecider, book_command
from shared.api.bounds import Agb, Identifier
from shared.auth.http import not_found
from shared.auth.principal import Role, StaffPrincipal
from shared.auth.staff import StaffAuth

PREFIX = "/payments/v1/runs"
WithItems = Annotated[bool, Query(description="false: without its items, for a view of the run's transfers "
                                              "(a run may hold thousands of items)")]
XML = "application/xml"


def roles_of(principal: StaffPrincipal) -> frozenset[str]:
    return frozenset(role.value for role in Role if principal.has(role))


def runs_router(ctx: Payments, auth: StaffAuth) -> APIRouter:
    router = APIRouter(prefix=PREFIX, tags=["payment runs"])
    Finance = Annotated[StaffPrincipal, Depends(auth.requires(Role.FINANCE))]

    async def in_region(principal: StaffPrincipal, run_id: str | None = None) -> None:
        """Runs as a whole are refused (403) to staff bound to some municipalities; one run named by
        its id is, to them, not there (404)."""
        region = await region_of(ctx.queries)
        if run_id is None:
            require_regional(principal, region)
        else:
            require_region(principal, region)

    async def step(decide: BookDecider, command: Any, principal: StaffPrincipal, request: Request,
                   action: str) -> RunOut:
        await in_region(principal, command.run_id)
        entry = audit(principal, request, f"payments.run.{action}", command.run_id)
        with refusals():
            await book_command(ctx, decide, command, entry)
        return await run_out(command.run_id)

    async def run_out(run_id: str, with_items: bool = True) -> RunOut:
        _, book = await ctx.queries.books.book()
        if run_id not in book.runs:
            raise not_found("payment run")
        run = book.runs[run_id]
        return RunOut.of(run, runs.transfers(book, run_id), [book.items[i] for i in run.item_ids] if with_items else [])

    @router.post("", status_code=201, response_model=RunOut, summary="Collect every item due up to a date")
    async def create(body: CreateRunIn, principal: Finance, request: Request) -> RunOut:
        await in_region(principal)
        run_id = handle.new_run_id()
        command = cmd.CreatePaymentRun(run_id, body.due_up_to, principal.username, roles_of(principal))
        with refusals():
            await handle.create_run(ctx, command, audit(principal, request, "payments.run.create", run_id))
        return await run_out(run_id)

    @router.get("", response_model=list[RunSummary], summary="Every payment run")
    async def list_runs(principal: Finance) -> list[RunSummary]:
        await in_region(principal)
        rows = await ctx.queries.runs.runs()
        return [RunSummary(run_id=r.run_id, status=r.status, due_up_to=r.due_up_to, total=r.total,
                           created_by=r.created_by, approved_by=r.approved_by, execution_date=r.execution_date,
                           executed_on=r.executed_on) for r in rows]

    @router.get("/{run_id}", response_model=RunOut, summary="A run: its items and one transfer per provider")
    async def get(run_id: Identifier, principal: Finance, items: WithItems = True) -> RunOut:
        await in_region(principal, run_id)
        return await run_out(run_id, items)

    @router.post("/{run_id}/approve", response_model=RunOut,
                 summary="Approve the run for export: a finance user other than its creator (four eyes; 403 otherwise)")
    async def approve(run_id: Identifier, body: ApproveIn, principal: Finance, request: Request) -> RunOut:
        command = cmd.ApprovePaymentRun(run_id, principal.username, roles_of(principal), body.note)
        return await step(runs.decide_approve_run, command, principal, request, "approve")

    @router.post("/{run_id}/export", response_model=RunOut, summary="Export the SEPA pain.001 file")
    async def export(run_id: Identifier, body: ExportIn, principal: Finance, request: Request) -> RunOut:
        await in_region(principal, run_id)
        command = cmd.ExportPaymentRun(run_id, run_id, body.execution_date or ctx.clock.today(),
                                       principal.username, roles_of(principal))
        with refusals():
            await handle.export_run(ctx, command, audit(principal, request, "payments.run.export", run_id))
        return await run_out(run_id)

    @router.get("/{run_id}/file", response_class=Response, summary="The run's pain.001 XML")
    async def file(run_id: Identifier, principal: Finance) -> Response:
        await in_region(principal, run_id)
        with refusals():
            xml = await handle.run_file(ctx, run_id)
        if xml is None:
            raise not_found("exported payment run")
        headers = {"Content-Disposition": f'attachment; filename="{run_id}.xml"'}
        return Response(xml, media_type=XML, headers=headers)

    @router.get("/{run_id}/specifications/{provider}", response_model=SpecificationOut,
                summary="A provider's payment specification in the run: lines, credits, advances, settlements")
    async def provider_specification(run_id: Identifier, provider: Agb, principal: Finance,
                                     format: SpecFormat = "json") -> Response:
        await in_region(principal, run_id)
        _, book = await ctx.queries.books.book()
        found = specification(book, run_id, provider)
        if found is None:
            raise not_found("payment specification")
        return specification_response(found, format)

    @router.post("/{run_id}/confirm", response_model=RunOut, summary="Confirm the bank executed the run")
    async def confirm(run_id: Identifier, body: ConfirmIn, principal: Finance, request: Request) -> RunOut:
        command = cmd.ConfirmPaymentRun(run_id, body.executed_on or ctx.clock.today(), principal.username,
                                        roles_of(principal))
        return await step(runs.decide_confirm_run, command, principal, request, "confirm")

    @router.post("/{run_id}/cancel", response_model=RunOut,
                 summary="Cancel a run not exported yet; its items are due again (an exported run is final: 409)")
    async def cancel(run_id: Identifier, body: CancelIn, principal: Finance, request: Request) -> RunOut:
        command = cmd.CancelPaymentRun(run_id, body.reason, principal.username, roles_of(principal))
        return await step(runs.decide_cancel_run, command, principal, request, "cancel")

    @router.post("/{run_id}/transfers/{provider}/return", response_model=RunOut,
                 summary="The bank returned this provider's transfer: exactly its items are due again, once")
    async def transfer_returned(run_id: Identifier, provider: Agb, body: ReturnIn, principal: Finance,
                                request: Request) -> RunOut:
        command = cmd.ReturnTransfer(run_id, provider, body.amount, body.reason, body.returned_on,
                                     principal.username, roles_of(principal))
        return await step(returns.decide_return_transfer, command, principal, request, "return")

    return router
