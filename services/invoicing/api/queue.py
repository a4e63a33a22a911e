"""The exception queue for finance staff (design.md §5), scoped to their municipalities."""

from datetime import date
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, HTTPException, Query, Request, Response

from services.invoicing.api.schemas import (Deadline, FirstApproval, HeldLine, HeldLineDetail, Note, Override,
                                            Rejection)
from services.invoicing.context import Invoicing
from services.invoicing.domain.overrides import SameApprover
from services.invoicing.handlers import queue, rematch
from services.invoicing.ports import QueueFilter
from shared.api.bounds import Agb, Day, Gemeente, Identifier, Reference, Retourcode, SignedCents
from shared.api.problems import RULE, Refusal
from shared.audit import REFUSED, AuditEntry, Origin
from shared.auth.http import not_found
from shared.auth.principal import Role, StaffPrincipal
from shared.auth.staff import StaffAuth
from shared.working_days import working_days_between

Sort = Literal["due", "-due", "amount", "-amount", "received", "-received", "municipality", "provider"]


def queue_router(inv: Invoicing, auth: StaffAuth) -> APIRouter:
    router = APIRouter(prefix="/invoicing/v1/queue", tags=["exception queue"])
    Finance = Annotated[StaffPrincipal, Depends(auth.requires(Role.FINANCE))]

    @router.get("", response_model=list[HeldLine], summary="Held lines, oldest deadline first",
                response_description="one page of held lines; the header X-Total-Count holds how many match")
    async def held(staff: Finance, request: Request, response: Response, municipality: Gemeente | None = None,
                   provider: Agb | None = None, code: Retourcode | None = None, received_before: Day | None = None,
                   due_before: Day | None = None, min_amount: SignedCents | None = None,
                   max_amount: SignedCents | None = None, sort: Sort = "due",
                   limit: Annotated[int | None, Query(ge=1, le=500)] = None,
                   offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0) -> list[HeldLine]:
        f = QueueFilter(staff.municipalities, municipality, provider, code, received_before, due_before,
                        min_amount, max_amount)
        async with inv.store.unit_of_work() as work:
            rows = await work.ports.queue.page(f, sort, limit, offset)
            total = await work.ports.queue.count(f)
            for r in rows:  # every client shown is a view of that client's data
                inv.audit.record(work, AuditEntry.by_staff(staff, Origin.of(request), "queue.list",
                                                          object=f"{r.declaration_id}/{r.reference}",
                                                          municipality=r.municipality, client_bsn=r.bsn))
            await work.commit()
        response.headers["X-Total-Count"] = str(total)
        today = inv.clock.today()
        return [held_line(r, today) for r in rows]

    @router.get("/deadlines", response_model=list[Deadline],
                summary="How many held lines the deadline margin settles on each day, soonest first")
    async def deadlines(staff: Finance) -> list[Deadline]:
        rows = await inv.queries.queue.deadlines(staff.municipalities)
        return [Deadline(due_on=r.due_on, lines=r.lines, amount=r.amount) for r in rows]

    @router.get("/{declaration_id}/{reference}", response_model=HeldLineDetail,
                summary="One line, held or decided: its codes, the line as declared, and the allocation "
                        "version and tariff it was compared with")
    async def line(declaration_id: Identifier, reference: Reference, staff: Finance, request: Request) -> HeldLineDetail:
        async with inv.store.unit_of_work() as work:
            row, version = await work.ports.queue.detail(declaration_id, reference, staff.municipalities)
            if row is None:
                raise not_found("line")
            inv.audit.record(work, AuditEntry.by_staff(staff, Origin.of(request), "queue.read",
                                                      object=f"{declaration_id}/{reference}",
                                                      municipality=row.municipality, client_bsn=row.bsn))
            await work.commit()
        return HeldLineDetail(**held_line(row, inv.clock.today()).model_dump(), allocation=version)

    @router.post("/{declaration_id}/{reference}/approve", status_code=204,
                 responses={202: {"description": "the first of two approvals (four eyes), recorded: the line waits "
                                                 "for a second finance user's"}},
                 summary="Approve with a reason; at or above the policy's four_eyes_from the first approval waits "
                         "for a second finance user (the same user twice: 403)")
    async def approve(declaration_id: Identifier, reference: Reference,
                      body: Override, staff: Finance, request: Request) -> Response:
        decision = queue.Decision(declaration_id, reference, staff, body.reason, Origin.of(request))
        return await _act(inv, decision, queue.approve(inv, decision))

    @router.post("/{declaration_id}/{reference}/reject", status_code=204, summary="Reject with codes")
    async def reject(declaration_id: Identifier, reference: Reference,
                     body: Rejection, staff: Finance, request: Request) -> Response:
        decision = queue.Decision(declaration_id, reference, staff, body.reason, Origin.of(request), tuple(body.codes))
        return await _act(inv, decision, queue.reject(inv, decision))

    @router.post("/{declaration_id}/{reference}/comment", status_code=204, summary="Add a comment")
    async def add_comment(declaration_id: Identifier, reference: Reference,
                          body: Note, staff: Finance, request: Request) -> Response:
        decision = queue.Decision(declaration_id, reference, staff, body.text, Origin.of(request))
        return await _act(inv, decision, queue.comment(inv, decision))

    @router.post("/{declaration_id}/{reference}/rematch", status_code=204,
                 summary="Match the line again against today's allocations and tariffs")
    async def match_again(declaration_id: Identifier, reference: Reference,
                          staff: Finance, request: Request) -> Response:
        decision = queue.Decision(declaration_id, reference, staff, "", Origin.of(request))
        return await _act(inv, decision, rematch.rerun(inv, decision))

    @router.post("/{declaration_id}/{reference}/claim", status_code=204, summary="Take the line to work on")
    async def claim(declaration_id: Identifier, reference: Reference,
                    staff: Finance, request: Request) -> Response:
        decision = queue.Decision(declaration_id, reference, staff, "", Origin.of(request))
        return await _act(inv, decision, queue.claim(inv, decision, take=True))

    @router.post("/{declaration_id}/{reference}/release", status_code=204, summary="Give the line back")
    async def release(declaration_id: Identifier, reference: Reference,
                      staff: Finance, request: Request) -> Response:
        decision = queue.Decision(declaration_id, reference, staff, "", Origin.of(request))
        return await _act(inv, decision, queue.claim(inv, decision, take=False))

    return router


async def _act(inv: Invoicing, decision: queue.Decision, action) -> Response:  # type: ignore[no-untyped-def]
    try:
        done = await action
    except SameApprover as error:
        await inv.audit.record_alone(inv.store, AuditEntry.by_staff(  # type: ignore[arg-type]
            decision.by, decision.where, "queue.approved", object=f"{decision.declaration_id}/{decision.reference}",
            reason=str(error), outcome=REFUSED))
        raise HTTPException(403, str(error)) from None
    except queue.QueueError as error:
        raise refusal(error) from None
    except ValueError as error:  # the domain refused the decision (e.g. a rejection without a code)
        raise HTTPException(422, str(error)) from None
    if not done:
        raise not_found("held line")
    return Response(status_code=202 if done == queue.FIRST_APPROVED else 204)


def refusal(error: queue.QueueError) -> Refusal:
    """An unknown code is a bad request (422); the others are the line's state (409): reload."""
    if error.rule == queue.UNKNOWN_CODE:
        return Refusal(422, str(error), type=RULE, errors=[{"rule": error.rule, "message": str(error)}])
    return Refusal(409, str(error), errors=[{"rule": error.rule, "message": str(error)}])


def held_line(r: Any, today: date) -> HeldLine:
    return HeldLine(declaration_id=r.declaration_id, declaration_number=r.number, reference=r.reference,
                    provider=r.provider, municipality=r.municipality, bsn=r.bsn, allocation_number=r.allocation_number,
                    status=r.status, codes=r.codes, amount=r.signed_amount, received_on=r.received_on,
                    due_on=r.due_on, answer_due=r.answer_due,
                    working_days_left=working_days_between(today, r.answer_due),
                    claimed_by=r.claimed_by, line=r.line, compared_with=r.basis, comments=r.comments or [],
                    first_approval=FirstApproval(by=r.first_approved_by, reason=r.first_reason or "")
                    if r.first_approved_by else None)
