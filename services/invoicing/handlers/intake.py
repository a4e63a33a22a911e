"""ReceiveDeclaration: a JW323 routed by the gateway is matched, recorded and — when no line is
held — answered, all in one transaction (design.md §5). A redelivered message changes nothing:
the inbox row of the consumer and the declaration stream's version both refuse it."""

from __future__ import annotations

import asyncio
from datetime import datetime

from services.invoicing.adapters.context import load_context
from services.invoicing.adapters.ijw import declaration_from_jw323
from services.invoicing.adapters.policy import load_policy
from services.invoicing.adapters.projections import project_receipt
from services.invoicing.context import Invoicing
from services.invoicing.domain import events as ev
from services.invoicing.domain.decisions import decide_receipt
from services.invoicing.domain.declaration import Declaration
from services.invoicing.domain.matcher import match_declaration
from services.invoicing.domain.outcome import MatchResult
from services.invoicing.domain.policy import Status
from services.invoicing.handlers.answer import answer_declaration
from shared.clock import AMSTERDAM
from shared.events.envelope import Envelope, NewEvent
from shared.exchange.contract import MESSAGE_ROUTED, MESSAGE_STATUS, MessageRouted, MessageStatus
from shared.exchange.invoicing import LINES_HELD
from shared.persistence.ports import UnitOfWork


def is_declaration(envelope: Envelope) -> bool:
    return envelope.payload.get("message_code") == "323"


def intake_consumer(inv: Invoicing):  # type: ignore[no-untyped-def]
    async def apply(uow: UnitOfWork, envelope: Envelope) -> None:
        if envelope.type == MESSAGE_ROUTED and envelope.payload["message_code"] == "323":
            await receive_declaration(inv, uow, MessageRouted(**envelope.payload))

    return apply


async def receive_declaration(inv: Invoicing, uow: UnitOfWork, routed: MessageRouted) -> None:
    xml = routed.xml.encode("utf-8")
    declaration = declaration_from_jw323(await asyncio.to_thread(inv.decode, xml))
    received_on = datetime.fromisoformat(routed.received_at).astimezone(AMSTERDAM).date()
    context = await load_context(uow.connection, declaration, received_on)
    result = match_declaration(declaration, context, await load_policy(uow.connection))
    now, tenant = inv.clock.now(), declaration.header.addressee_gemeente
    stream = f"declaration-{routed.message_id}"
    decided = decide_receipt(declaration, result, received_on, inv.margin_working_days)
    uow.append(stream, 0, [NewEvent(e.TYPE, e.VERSION, ev.payload(e), now, tenant=tenant) for e in decided])
    await project_receipt(uow.connection, routed.message_id, decided, now, xml)
    status = MessageStatus(routed.message_id, "processing")
    uow.enqueue(inv.topic, [Envelope.of(stream, 1, NewEvent(MESSAGE_STATUS, 1, status.payload(), now, tenant=tenant))])
    held = _held(routed.message_id, declaration, result)
    if held["held"]:  # they count under their contract's ceiling until settled (payments)
        uow.enqueue(inv.topic, [Envelope.of(stream, 1, NewEvent(LINES_HELD, 1, held, now, tenant=tenant))])
    if not result.lines_assessed or result.final:
        await answer_declaration(inv, uow, routed.message_id, declaration, result, received_on, len(decided))


def _held(declaration_id: str, declaration: Declaration, result: MatchResult) -> dict[str, object]:
    return {
        "declaration_id": declaration_id, "declaration_number": declaration.number,
        "provider": declaration.header.sender_agb, "municipality": declaration.header.addressee_gemeente,
        "held": [{"reference": o.line.reference, "period_begin": o.line.period.begin.isoformat(),
                  "amount": o.line.signed_amount, "ceiling_exempt": o.ceiling_exempt}
                 for o in result.lines if o.status is Status.HELD],
    }
