"""JW305 start / JW307 stop from a provider → the delivery command (domain/delivery_report.py)
→ JW306 / JW308 answer.

Monitoring only (OP364). A level-2 failure is answered header-only with 0001; any refused
product refuses the whole message (IV032: for these messages a level-3 error rejects it all),
answered with every product coded; an accepted message gets a header-only retour.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from services.allocation.adapters.delivery_messages import jw306, jw308, starts_from_jw305, stops_from_jw307
from services.allocation.adapters.retours import REJECTED
from services.allocation.context import Allocations
from services.allocation.domain.delivery_report import NamedAllocations, ReportDeliveries, decide_deliveries, streams
from services.allocation.handlers.publishing import issue_message, message_key, received_on
from services.allocation.ports import AllocationPorts, AllocationWork
from shared.commands import Command
from shared.exchange.contract import MessageRouted
from shared.ijw import check
from shared.ijw.model.delivery import Jw305, Jw307

Retour = Callable[[Any, list[str | None] | None, str, date], Any]


async def allocations_named(ports: AllocationPorts, c: ReportDeliveries) -> NamedAllocations:
    keys = dict.fromkeys((r.municipality, r.number) for r in c.reports)
    return {key: await ports.allocations.effective(*key) for key in keys}


REPORT_DELIVERIES: Command = Command(streams, decide_deliveries, allocations_named)


async def answer_jw305(work: AllocationWork, ctx: Allocations, routed: MessageRouted, message: Jw305) -> None:
    await _answer(work, ctx, routed, message, starts_from_jw305, jw306)


async def answer_jw307(work: AllocationWork, ctx: Allocations, routed: MessageRouted, message: Jw307) -> None:
    await _answer(work, ctx, routed, message, stops_from_jw307, jw308)


async def _answer(work: AllocationWork, ctx: Allocations, routed: MessageRouted, message: Any,
                  reports: Callable[[Any, date], list[Any]], retour: Retour) -> None:
    now = ctx.local_now()
    codes: list[str | None] | None = None  # None: refused at level 2
    if not check(message):
        refusals = await ctx.commands.within(work, REPORT_DELIVERIES,
                                             ReportDeliveries(tuple(reports(message, received_on(routed)))))
        codes = [None if refused is None else refused.code or REJECTED for refused in refusals]
    issue_message(work, ctx, message_key(routed.message_id),
                  lambda ident: retour(message, codes, ident, now.date()), in_reply_to=routed.message_id)
