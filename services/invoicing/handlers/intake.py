"""ReceiveDeclaration: a JW323 routed by the gateway is matched, recorded and — when no line is
held — answered, all in one transaction (design.md §5). A redelivered message changes nothing:
the inbox row of the consumer and the declaration stream's version both refuse it."""

from __future__ import annotations

import asyncio
from datetime import datetime

from services.invoicing.adapters.context import load_context
from services.invoicing.adapters.ijw import declaration_from_jw323
from services.invoicing.adapters.lines_before_answer import DeclarationKey, lines_decided, lines_held
from services.invoicing.adapters.policy import load_policy
from services.invoicing.adapters.projections import project_receipt
from services.invoicing.context import Invoicing
from services.invoicing.domain import events as ev
from services.invoicing.domain.decisions import decide_receipt
from services.invoicing.domain.declaration import Declaration
from services.invoicing.domain.matcher import match_declaration
from services.invoicing.domain.outcome import MatchResult
from services.invoicing.handlers.answer import answer_declaration
from shared.clock import AMSTERDAM
from shared.events.envelope import Envelope, NewEvent
from shared.exchange.contract import MESSAGE_ROUTED, MESSAGE_STATUS, MessageRouted, MessageStatus
from shared.exchange.invoicing import LINES_DECIDED, LINES_HELD
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
    if not result.lines_assessed or result.final:
        await answer_declaration(inv, uow, routed.message_id, declaration, result, received_on, len(decided))
    else:
        _announce_lines(inv, uow, routed.message_id, declaration, result)


def _announce_lines(inv: Invoicing, uow: UnitOfWork, declaration_id: str, declaration: Declaration,
                    result: MatchResult) -> None:
    """Held lines wait for a person: they count as held until decided, and the lines that are
    final already count as such from now, not from the JW325 (payments' budget and ceilings)."""
    key = DeclarationKey(declaration_id, declaration.number, declaration.header.sender_agb,
                         declaration.header.addressee_gemeente)
    news = [(LINES_HELD, lines_held(key, result.lines)), (LINES_DECIDED, lines_decided(key, result.lines))]
    now, tenant = inv.clock.now(), key.municipality
    uow.enqueue(inv.topic, [Envelope.of(f"declaration-{declaration_id}", 1, NewEvent(name, 1, payload, now,
                                                                                     tenant=tenant))
                            for name, payload in news if payload is not None])
