"""JW305 start / JW307 stop from a provider → the delivery command (domain/delivery_report.py),
whose decision sends the JW306 / JW308 answer.

Monitoring only (OP364). A level-2 failure is answered header-only with 0001; any refused
product refuses the whole message (IV032: for these messages a level-3 error rejects it all),
answered with every product coded; an accepted message gets a header-only retour.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from services.allocation.adapters.delivery_messages import jw306, jw308, starts_from_jw305, stops_from_jw307
from services.allocation.adapters.outgoing import identification_of, issued, message_key, new_message_id, sending
from services.allocation.adapters.retours import REJECTED
from services.allocation.context import Allocations
from services.allocation.domain.delivery_report import NamedAllocations, ReportDeliveries, decide_deliveries, streams
from services.allocation.domain.staged import Refusals
from services.allocation.handlers.routed_messages import received_on
from services.allocation.ports import AllocationPorts, AllocationWork
from shared.clock import business_day
from shared.commands import Command, Decision, History
from shared.exchange.contract import MessageRouted
from shared.ijw import check
from shared.ijw.model.delivery import Jw305, Jw307

Retour = Callable[[Any, list[str | None] | None, str, date], Any]


@dataclass(frozen=True)
class AnswerDeliveries:
    """A routed JW305 or JW307, the reports read from it (None: refused at level 2) and its retour."""

    routed_id: str
    message: Jw305 | Jw307
    reports: ReportDeliveries | None
    retour: Retour
    retour_id: str = field(default_factory=new_message_id)


def report_streams(c: AnswerDeliveries) -> list[str]:
    return [] if c.reports is None else streams(c.reports)


async def allocations_named(ports: AllocationPorts, c: AnswerDeliveries) -> NamedAllocations:
    keys = dict.fromkeys((r.municipality, r.number) for r in (c.reports.reports if c.reports else ()))
    return {key: await ports.allocations.effective(*key) for key in keys}


def decide_answer(c: AnswerDeliveries, histories: Mapping[str, History], allocations: NamedAllocations,
                  now: datetime) -> Decision[Refusals | None]:
    decision: Decision[Refusals | None] = Decision(None)
    if c.reports is not None:
        decision = decide_deliveries(c.reports, histories, allocations, now)
    codes = None if decision.result is None else [None if refused is None else refused.code or REJECTED
                                                  for refused in decision.result]
    retour = c.retour(c.message, codes, identification_of(c.retour_id), business_day(now))
    return sending(decision, issued(message_key(c.routed_id), retour, c.retour_id, in_reply_to=c.routed_id))


ANSWER_DELIVERIES: Command = Command(report_streams, decide_answer, allocations_named)


async def answer_jw305(work: AllocationWork, ctx: Allocations, routed: MessageRouted, message: Jw305) -> None:
    await _answer(work, ctx, routed, message, starts_from_jw305, jw306)


async def answer_jw307(work: AllocationWork, ctx: Allocations, routed: MessageRouted, message: Jw307) -> None:
    await _answer(work, ctx, routed, message, stops_from_jw307, jw308)


async def _answer(work: AllocationWork, ctx: Allocations, routed: MessageRouted, message: Any,
                  reports: Callable[[Any, date], list[Any]], retour: Retour) -> None:
    found = None if check(message) else ReportDeliveries(tuple(reports(message, received_on(routed))))
    await ctx.commands.within(work, ANSWER_DELIVERIES, AnswerDeliveries(routed.message_id, message, found, retour))
