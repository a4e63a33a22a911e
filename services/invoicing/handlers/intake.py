"""ReceiveDeclaration: a JW323 routed by the gateway is matched, recorded and — when no line is
held — answered, all in one transaction (design.md §5). A redelivered message changes nothing:
the inbox row of the consumer and the declaration stream's version both refuse it."""

from __future__ import annotations

import asyncio
from datetime import date, datetime

from services.invoicing.adapters.ijw import declaration_from_jw323
from services.invoicing.context import Invoicing
from services.invoicing.domain.before_answer import DeclarationKey, lines_decided, lines_held
from services.invoicing.domain.decisions import decide_receipt
from services.invoicing.domain.declaration import Declaration
from services.invoicing.domain.matcher import match_declaration
from services.invoicing.domain.outcome import MatchResult
from services.invoicing.handlers.answer import answer_declaration
from shared.clock import AMSTERDAM
from shared.events.envelope import Envelope, NewEvent
from shared.events.registry import EventRegistry
from shared.exchange import contract
from shared.exchange.contract import MessageRouted, MessageStatus
from services.invoicing.ports import InvoicingPorts
from shared.persistence.ports import Work


ROUTED = EventRegistry.of(contract.CLASSES, contract.UPCASTERS)
RECEIPT_CHUNK = 2_000
"""A declaration's events are written and projected this many at a time, inside its one
transaction: a 100,000-line JW323 never holds every line's stored form, read-model row and
statement parameters at once (each line event is some 6 KB on the way)."""


def is_declaration(envelope: Envelope) -> bool:
    return envelope.type == contract.MESSAGE_ROUTED and envelope.payload.get("message_code") == "323"


def intake_consumer(inv: Invoicing):  # type: ignore[no-untyped-def]
    async def apply(work: Work[InvoicingPorts], envelope: Envelope) -> None:
        routed = ROUTED.decode(envelope)
        if isinstance(routed, MessageRouted) and routed.message_code == "323":
            await receive_declaration(inv, work, routed)

    return apply


async def receive_declaration(inv: Invoicing, work: Work[InvoicingPorts], routed: MessageRouted) -> None:
    declaration = await _read(inv, work, routed)
    received_on = datetime.fromisoformat(routed.received_at).astimezone(AMSTERDAM).date()
    result = await _matched(work.ports, declaration, received_on)
    now, tenant = inv.clock.now(), declaration.header.addressee_gemeente
    stream = f"declaration-{routed.message_id}"
    version = await _record_receipt(inv, work, routed.message_id, declaration, result, received_on, now)
    status = MessageStatus(routed.message_id, "processing")
    work.enqueue(inv.topic, [Envelope.of(stream, 1, NewEvent.of(status, now, tenant))])
    if not result.lines_assessed or result.final:
        await answer_declaration(inv, work, routed.message_id, declaration, result, received_on, version)
    else:
        _announce_lines(inv, work, routed.message_id, declaration, result)


async def _matched(ports: InvoicingPorts, declaration: Declaration, received_on: date) -> MatchResult:
    """The match, without the context it read: what the answer needs is in the result."""
    context = await ports.master.match_context(declaration, received_on)
    return match_declaration(declaration, context, await ports.master.policy())


async def _record_receipt(inv: Invoicing, work: Work[InvoicingPorts], declaration_id: str, declaration: Declaration,
                          result: MatchResult, received_on: date, now: datetime) -> int:
    """The receipt's events appended and projected chunk by chunk; the stream's version after them."""
    tenant, stream = declaration.header.addressee_gemeente, f"declaration-{declaration_id}"
    decided = decide_receipt(declaration, result, received_on, inv.margin_working_days)
    for start in range(0, len(decided), RECEIPT_CHUNK):
        chunk = decided[start:start + RECEIPT_CHUNK]
        work.append(stream, start, [NewEvent.of(e, now, tenant) for e in chunk])
        await work.flush()
        await work.ports.declarations.project(declaration_id, chunk, now)
    return len(decided)


async def _read(inv: Invoicing, work: Work[InvoicingPorts], routed: MessageRouted) -> Declaration:
    """The JW323 decoded and kept as received; its bytes (65 MB for 100,000 lines) and the codec's
    model are let go once the domain's declaration is built."""
    xml = routed.body()
    message = await asyncio.to_thread(inv.decode, xml)
    await work.ports.declarations.keep_received(routed.message_id, xml)
    return declaration_from_jw323(message)


def _announce_lines(inv: Invoicing, work: Work[InvoicingPorts], declaration_id: str, declaration: Declaration,
                    result: MatchResult) -> None:
    """Held lines wait for a person: they count as held until decided, and the lines that are
    final already count as such from now, not from the JW325 (payments' budget and ceilings)."""
    key = DeclarationKey(declaration_id, declaration.number, declaration.header.sender_agb,
                         declaration.header.addressee_gemeente)
    news = (lines_held(key, result.lines), lines_decided(key, result.lines))
    now = inv.clock.now()
    work.enqueue(inv.topic, [Envelope.of(f"declaration-{declaration_id}", 1, NewEvent.of(e, now, key.municipality))
                            for e in news if e is not None])
