"""Consumes `gateway.MessageRouted`: the messages the gateway routes to this service, by
message code (a literal table). Taking one up is reported as "processing"; the handler then
answers it with an iJw retour or, where iJw has none, reports "rejected" with the reason."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from services.allocation.context import Allocations
from services.allocation.handlers.delivery import answer_jw305, answer_jw307
from services.allocation.handlers.municipal_messages import record_jw301, record_jw302
from services.allocation.handlers.requests import receive_jw315, receive_jw317
from services.allocation.handlers.routed_messages import report_status
from services.allocation.ports import AllocationWork
from shared.events.envelope import Envelope
from shared.events.registry import EventRegistry
from shared.exchange.contract import UPCASTERS, MessageRouted
from shared.ijw import IjwError

ROUTED = EventRegistry.of((MessageRouted,), UPCASTERS)
Handle = Callable[[AllocationWork, Allocations, MessageRouted, Any], Awaitable[None]]
PROCESSING, PROCESSED, REJECTED = "processing", "processed", "rejected"
NO_ANSWER = frozenset({"301", "302", "320"})
"""Messages iJw gives no retour for from us: once handled, their status is final ("processed")."""


async def _noted(work: AllocationWork, ctx: Allocations, routed: MessageRouted, message: Any) -> None:
    """JW320 (the provider's retour on a JW319) needs nothing from us beyond taking it up."""


HANDLERS: dict[str, Handle] = {
    "301": record_jw301,
    "302": record_jw302,
    "305": answer_jw305,
    "307": answer_jw307,
    "315": receive_jw315,
    "317": receive_jw317,
    "320": _noted,
}


def routed_consumer(ctx: Allocations):  # type: ignore[no-untyped-def]
    async def apply(work: AllocationWork, envelope: Envelope) -> None:
        routed: MessageRouted = ROUTED.decode(envelope)
        handle = HANDLERS.get(routed.message_code)
        if handle is None:
            return  # another service's message (JW323 goes to invoicing)
        await report_status(work, ctx, routed.message_id, PROCESSING)
        try:
            message = ctx.decode(routed.body())
        except IjwError as unreadable:  # passed the gateway's level 1, so only with other schemas
            await report_status(work, ctx, routed.message_id, REJECTED, str(unreadable))
            return
        await handle(work, ctx, routed, message)
        if routed.message_code in NO_ANSWER:
            await report_status(work, ctx, routed.message_id, PROCESSED)

    return apply
