"""The access team answers a request: honour it (a JW301 carrying the ReferentieAanbieder,
IV097), reject it (JW319 VerzoekAntwoord 1) or put it in onderzoek (JW319 VerzoekAntwoord 2).
A rejection or onderzoek is one command whose decision sends the JW319. Honouring is several
commands in one unit of work (allocation_steps.py): the allocation a JW315 becomes and its JW301,
then the answer naming the allocation's number."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any

from services.allocation.adapters.outgoing import identification_of, issued, new_message_id, sending
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
from services.allocation.handlers.allocation_steps import change_and_announce, retrying
from services.allocation.handlers.audit import Actor, entry
from shared.clock import business_day
from shared.commands import Command, Decision, History

ANSWER_REQUEST: Command = Command(streams, decide_answer)
LOOK: Command = Command(key_streams, decide_look)


@dataclass(frozen=True)
class AnswerWithJw319:
    """A rejection or onderzoek, and the JW319 (VerzoekAntwoord `code`) its decision sends."""

    answer: AnswerRequest
    code: str
    message_id: str = field(default_factory=new_message_id)


def answer_streams(c: AnswerWithJw319) -> list[str]:
    return streams(c.answer)


def decide_with_jw319(c: AnswerWithJw319, histories: Mapping[str, History], _: None,
                      now: datetime) -> Decision[req.Request]:
    decision, answer = decide_answer(c.answer, histories, None, now), c.answer.answer
    reason, responsible = ((answer.reason, answer.responsible_municipality) if isinstance(answer, RejectRequest)
                           else (None, None))
    request = decision.result
    jw = jw319(request, c.code, reason, responsible, identification_of(c.message_id), business_day(now))
    return sending(decision, issued(req.stream_id(request.provider_agb, request.reference), jw, c.message_id))


ANSWER_WITH_JW319: Command = Command(answer_streams, decide_with_jw319)


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
                allocation = await change_and_announce(work, ctx, ChangeAllocation(command, ctx.region,
                                                                                   actor.username))
                honoured = (allocation.number,)
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
    audited = entry(actor, action, f"request {answer.provider_agb}/{answer.reference}", None)
    return await ctx.commands(ANSWER_WITH_JW319, AnswerWithJw319(AnswerRequest(answer, audited), code))
