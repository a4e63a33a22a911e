"""What finance reads beside a payment run (issue 14): the run per provider beside the previous run
sent to the bank; the steps the caller may take now and, while it waits for approval, who may
approve it (four eyes); and every transfer the bank returned with where its items stand now.

The steps are the deciders' own answers to the caller's command, decided against the book and
never appended: a screen offers exactly what the service would accept, and says why not."""

from collections.abc import Callable
from datetime import date, datetime
from typing import Annotated, Any

from fastapi import APIRouter, Depends

from services.payments.domain.returned_transfers import returned_transfers
from services.payments.domain.run_comparison import compare
from services.payments.api.access import region_of, require_region, require_regional, rule_of
from services.payments.api.read_schemas import ReturnedTransferOut, RunComparisonOut, RunStepsOut, StepOut
from services.payments.api.runs import PREFIX, roles_of
from services.payments.context import Payments
from services.payments.domain import commands as cmd
from services.payments.domain import runs
from services.payments.domain.book import CREATED, Book
from services.payments.domain.errors import PaymentsError
from shared.api.bounds import Identifier
from shared.auth.http import not_found
from shared.auth.principal import Role, StaffPrincipal
from shared.auth.scope import sees_all
from shared.auth.staff import StaffAuth

Decider = Callable[[Any, Book, datetime], list[Any]]


def run_reads_router(ctx: Payments, auth: StaffAuth) -> APIRouter:
    router = APIRouter(tags=["payment runs"])
    Finance = Annotated[StaffPrincipal, Depends(auth.requires(Role.FINANCE))]

    async def book_and_region(principal: StaffPrincipal, run_id: str | None) -> tuple[Book, frozenset[str]]:
        region = await region_of(ctx.queries)
        if run_id is None:
            require_regional(principal, region)
        else:
            require_region(principal, region)
        _, book = await ctx.queries.books.book()
        if run_id is not None and run_id not in book.runs:
            raise not_found("payment run")
        return book, region

    @router.get(f"{PREFIX}/{{run_id}}/comparison", response_model=RunComparisonOut,
                summary="The run per provider beside the previous run sent to the bank")
    async def comparison(run_id: Identifier, principal: Finance) -> RunComparisonOut:
        book, _ = await book_and_region(principal, run_id)
        return RunComparisonOut.of(compare(book, run_id))

    @router.get(f"{PREFIX}/{{run_id}}/steps", response_model=RunStepsOut,
                summary="The steps you may take on the run now, why not, and who may approve it")
    async def steps(run_id: Identifier, principal: Finance) -> RunStepsOut:
        book, region = await book_and_region(principal, run_id)
        run = book.runs[run_id]
        found = run_steps(book, run_id, principal, ctx.clock.today(), ctx.clock.now())
        approvers = await approvers_of(run.created_by, region) if run.status == CREATED else []
        return RunStepsOut(run_id=run_id, status=run.status, steps=found, approvers=approvers)

    @router.get("/payments/v1/returns", response_model=list[ReturnedTransferOut], tags=["bank returns"],
                summary="Transfers the bank returned, the latest first, with where their items stand now")
    async def returns(principal: Finance) -> list[ReturnedTransferOut]:
        book, _ = await book_and_region(principal, None)
        return [ReturnedTransferOut.of(r) for r in returned_transfers(book)]

    async def approvers_of(creator: str, region: frozenset[str]) -> list[str]:
        """Finance users (admins hold every role) bound to every municipality, other than the creator."""
        rows = await ctx.queries.runs.staff()
        users = [StaffPrincipal(r.username, r.username, frozenset(Role(x) for x in r.roles if x in set(Role)),
                                frozenset(r.municipalities)) for r in rows]
        return sorted(u.username for u in users if u.has(Role.FINANCE) and sees_all(u, region) and u.username != creator)

    return router


def run_steps(book: Book, run_id: str, principal: StaffPrincipal, today: date, now: datetime) -> list[StepOut]:
    roles, by = roles_of(principal), principal.username
    commands: dict[str, tuple[Decider, Any]] = {
        "approve": (runs.decide_approve_run, cmd.ApprovePaymentRun(run_id, by, roles)),
        "export": (runs.decide_export_run, cmd.ExportPaymentRun(run_id, run_id, today, by, roles)),
        "confirm": (runs.decide_confirm_run, cmd.ConfirmPaymentRun(run_id, today, by, roles)),
        "cancel": (runs.decide_cancel_run, cmd.CancelPaymentRun(run_id, "", by, roles)),
    }
    return [_step(name, decide, command, book, now) for name, (decide, command) in commands.items()]


def _step(name: str, decide: Decider, command: Any, book: Book, now: datetime) -> StepOut:
    try:
        decided = decide(command, book, now)
    except PaymentsError as refused:
        return StepOut(step=name, allowed=False, rule=rule_of(refused), detail=str(refused))  # type: ignore[arg-type]
    return StepOut(step=name, allowed=bool(decided), rule=None, detail=None)  # type: ignore[arg-type]
