"""JW305 start / JW307 stop from a provider → the delivery deciders → JW306 / JW308 answer.

Monitoring only (OP364). A level-2 failure is answered header-only with 0001; any refused
product refuses the whole message (IV032: for these messages a level-3 error rejects it all),
answered with every product coded; an accepted message gets a header-only retour.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from services.allocation.adapters.delivery_messages import jw306, jw308, starts_from_jw305, stops_from_jw307
from services.allocation.domain.integration import delivery_reported
from services.allocation.adapters.retours import REJECTED
from services.allocation.context import Allocations
from services.allocation.domain import delivery
from services.allocation.domain.delivery_decisions import decide_start, decide_stop
from services.allocation.domain.errors import RuleViolation
from services.allocation.domain.events import decoded
from services.allocation.handlers.publishing import issue_message, message_key, publish, received_on
from services.allocation.handlers.streams import StagedStreams
from services.allocation.ports import AllocationWork
from shared.exchange.contract import MessageRouted
from shared.ijw import check
from shared.ijw.model.delivery import Jw305, Jw307

Retour = Callable[[Any, list[str | None] | None, str, date], Any]
Codes = list[str | None]


async def answer_jw305(work: AllocationWork, ctx: Allocations, routed: MessageRouted, message: Jw305) -> None:
    await _answer(work, ctx, routed, message, starts_from_jw305, decide_start, jw306)


async def answer_jw307(work: AllocationWork, ctx: Allocations, routed: MessageRouted, message: Jw307) -> None:
    await _answer(work, ctx, routed, message, stops_from_jw307, decide_stop, jw308)


async def _answer(work: AllocationWork, ctx: Allocations, routed: MessageRouted, message: Any,
                  commands: Callable[[Any, date], list[Any]], decide: Callable[..., Any], retour: Retour) -> None:
    now = ctx.local_now()
    codes: Codes | None = None  # None: refused at level 2
    if not check(message):
        streams = StagedStreams(work, delivery.evolve, delivery.Delivery())
        codes = await _decide_all(work, streams, commands(message, received_on(routed)), decide, now)
        if not any(codes):
            for envelope in streams.append_all(now):
                publish(work, ctx, envelope, delivery_reported(decoded(envelope)))
    issue_message(work, ctx, message_key(routed.message_id),
                  lambda ident: retour(message, codes, ident, now.date()), in_reply_to=routed.message_id)


async def _decide_all(work: AllocationWork, streams: StagedStreams[delivery.Delivery], commands: list[Any],
                      decide: Callable[..., Any], now: datetime) -> Codes:
    codes: Codes = []
    for command in commands:
        stream = delivery.stream_id(command.municipality, command.number)
        state = await streams.state(stream)
        allocation = await work.ports.allocations.effective(command.municipality, command.number)
        try:
            streams.add(stream, decide(command, state, now, allocation))
            codes.append(None)
        except RuleViolation as refused:
            codes.append(refused.code or REJECTED)
    return codes
