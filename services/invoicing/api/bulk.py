"""Deciding a selection of held lines in one call (handlers/bulk.py): one reason, codes to reject,
and every line's own outcome in the answer. One call rather than one per line: a clerk's selection
may be hundreds of lines, and each line still gets a transaction, an event and an audit entry of
its own, exactly as if decided alone."""

from typing import Annotated

from fastapi import APIRouter, Depends, Request

from services.invoicing.api.queue import refusal
from services.invoicing.api.schemas import BulkDecision, BulkLineResult, BulkResult
from services.invoicing.context import Invoicing
from services.invoicing.handlers import bulk, queue
from shared.audit import Origin
from shared.auth.http import not_found
from shared.auth.principal import Role, StaffPrincipal
from shared.auth.staff import StaffAuth


def bulk_router(inv: Invoicing, auth: StaffAuth) -> APIRouter:
    router = APIRouter(prefix="/invoicing/v1/queue", tags=["exception queue"])
    Finance = Annotated[StaffPrincipal, Depends(auth.requires(Role.FINANCE))]

    @router.post("/decisions", response_model=BulkResult,
                 summary="Approve or reject a selection of held lines with one reason; each line's outcome",
                 response_description="every line once, in the order sent: approved, rejected, refused (with the "
                                      "rule: HF-CLAIMED, HF-NOT-HELD, HF-CONFLICT, HF-CODE-NEEDED) or not_found; 404 when "
                                      "no line of the selection is in the caller's municipalities")
    async def decide(body: BulkDecision, staff: Finance, request: Request) -> BulkResult:
        selection = bulk.Selection([bulk.LineKey(k.declaration_id, k.reference) for k in body.lines], staff,
                                   body.reason, Origin.of(request),
                                   None if body.decision == "approve" else tuple(body.codes))
        try:
            results = await bulk.decide_all(inv, selection)
        except queue.QueueError as error:
            raise refusal(error) from None
        if all(r.outcome == "not_found" for _, r in results):  # none is the caller's: as for one line
            raise not_found("held line")
        return BulkResult(lines=[BulkLineResult(declaration_id=key.declaration_id, reference=key.reference,
                                                outcome=r.outcome, rule=r.rule, message=r.message,
                                                claimed_by=r.claimed_by)
                                 for key, r in results])

    return router
