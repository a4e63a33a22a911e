"""The access team answers a request: honour it (a JW301 carrying the ReferentieAanbieder,
IV097), reject it (JW319 VerzoekAntwoord 1) or put it in onderzoek (JW319 VerzoekAntwoord 2).
Each answer is a command (domain/request_answer.py) applied with `commands.within` in a unit of
work that also carries what goes with it: the JW319, or the allocation a JW315 becomes and its
JW301 (allocation_steps.py)."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from typing import Any

from services.allocation.adapters.request_messages import REJECTED_ANSWER, UNDER_INVESTIGATION_ANSWER, jw319
from services.allocation.context import Allocations
from services.allocation.domain import request as req
from services.allocation.domain.allocation_change import ChangeAllocation
from services.allocation.domain.request_answer import (
    AnswerRequest,
    RequestKey,
    decide_answer,
    decide_look,
    key_streams,
    streams,
)
from services.allocation.domain.request_decisions import (
    HonourRequest,
    PutRequestUnderInvestigation,
    RejectRequest,
    issue_command_for,
)
from services.allocation.handlers.allocation_steps import change_and_announce
from services.allocation.handlers.audit import Actor, entry
from services.allocation.handlers.publishing import issue_message, retrying
from services.allocation.ports import AllocationWork
from shared.commands import Command

ANSWER_REQUEST: Command = Command(streams, decide_answer)
LOOK: Command = Command(key_streams, decide_look)


async def honour(ctx: Allocations, agb: str, reference: str, numbers: tuple[int, ...], actor: Actor,
                 adjustments: dict[str, Any] | None = None) -> req.Request:
    """A JW315 becomes a new allocation (numbered `numbers[0]`, or the next free number); a
    JW317 is honoured by the changes staff made already, carrying its ReferentieAanbieder,
    named in `numbers`. `adjustments` (end, extent) change what a JW315 asked for."""
    audited = entry(actor, "request.honour", f"request {agb}/{reference}", None)

    async def run() -> req.Request:
        async with ctx.store.unit_of_work() as work:
            request = await ctx.commands.within(work, LOOK, RequestKey(agb, reference))
            if request.kind == req.ALLOCATION and request.status in req.OPEN:
                chosen = numbers[0] if numbers else await work.ports.allocations.next_number(request.municipality)
                command = replace(issue_command_for(request, chosen), **(adjustments or {}))
                issued = await change_and_announce(work, ctx, ChangeAllocation(command, ctx.region, actor.username))
                honoured = (issued.number,)
            else:  # a change request, or one answered already (the decider says what that means)
                honoured = numbers or request.allocation_numbers
            request = await ctx.commands.within(work, ANSWER_REQUEST,
                                                AnswerRequest(HonourRequest(agb, reference, honoured), audited))
            await work.commit()
            return request

    return await retrying(run)


async def reject(ctx: Allocations, agb: str, reference: str, reason: str, responsible: str | None,
                 actor: Actor) -> req.Request:
    answer = RejectRequest(agb, reference, reason, responsible)
    return await _answer_with_jw319(ctx, answer, actor, "request.reject", REJECTED_ANSWER)


async def investigate(ctx: Allocations, agb: str, reference: str, actor: Actor) -> req.Request:
    answer = PutRequestUnderInvestigation(agb, reference)
    return await _answer_with_jw319(ctx, answer, actor, "request.investigate", UNDER_INVESTIGATION_ANSWER)


async def _answer_with_jw319(ctx: Allocations, answer: RejectRequest | PutRequestUnderInvestigation, actor: Actor,
                             action: str, code: str) -> req.Request:
    """The answer through the command handler, and its JW319 in the same transaction."""
    audited = entry(actor, action, f"request {answer.provider_agb}/{answer.reference}", None)
    reason, responsible = ((answer.reason, answer.responsible_municipality) if isinstance(answer, RejectRequest)
                           else (None, None))

    async def run() -> req.Request:
        async with ctx.store.unit_of_work() as work:
            request = await ctx.commands.within(work, ANSWER_REQUEST, AnswerRequest(answer, audited))
            _send_jw319(work, ctx, request, code, reason, responsible, ctx.local_now())
            await work.commit()
            return request

    return await retrying(run)


def _send_jw319(work: AllocationWork, ctx: Allocations, request: req.Request, answer: str, reason: str | None,
                responsible: str | None, now: datetime) -> None:
    issue_message(work, ctx, req.stream_id(request.provider_agb, request.reference),
                  lambda ident: jw319(request, answer, reason, responsible, ident, now.date()))
