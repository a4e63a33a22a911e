"""ReceiveDeclaration: a JW323 routed by the gateway is matched, recorded and — when no line is
held — answered, all in one transaction (design.md §5). A redelivered message changes nothing:
the inbox row of the consumer and the declaration stream's version both refuse it."""

from __future__ import annotations

import asyncio
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime

from services.invoicing.adapters.ijw import declaration_from_jw323
from services.invoicing.context import Invoicing
from services.invoicing.domain.before_answer import DeclarationKey, lines_decided, lines_held
from services.invoicing.domain.decisions import receipt_events, receipt_length
from services.invoicing.domain.declaration import Declaration
from services.invoicing.domain.held_lines import declaration_stream
from services.invoicing.domain.matcher import match_declaration
from services.invoicing.domain.outcome import MatchResult
from services.invoicing.handlers.answer import AnswerDeclaration, answer_declaration
from services.invoicing.ports import InvoicingPorts
from shared.clock import AMSTERDAM
from shared.commands import Append, Command, Decision, History, Publish
from shared.events.envelope import Envelope
from shared.events.registry import EventRegistry
from shared.exchange import contract
from shared.exchange.contract import MessageRouted, MessageStatus
from shared.persistence.ports import Work


ROUTED = EventRegistry.of(contract.CLASSES, contract.UPCASTERS)
RECEIPT_CHUNK = 2_000
"""A declaration's events are written and projected this many at a time, inside its one
transaction: a 100,000-line JW323 never holds every line's stored form, read-model row and
statement parameters at once (each line event is some 6 KB on the way)."""


@dataclass(frozen=True)
class Matched:
    """What the receipt is decided on: the JW323 decoded and matched against what the service knows."""

    declaration: Declaration
    result: MatchResult
    received_on: date


@dataclass(frozen=True)
class Receipt:
    """What the caller needs to answer the declaration in the same transaction."""

    matched: Matched
    version: int
    """The declaration stream's version after the receipt."""
    to_answer: bool


def is_declaration(envelope: Envelope) -> bool:
    return envelope.type == contract.MESSAGE_ROUTED and envelope.payload.get("message_code") == "323"


def intake_consumer(inv: Invoicing):  # type: ignore[no-untyped-def]
    receive = receive_command(inv)

    async def apply(work: Work[InvoicingPorts], envelope: Envelope) -> None:
        routed = ROUTED.decode(envelope)
        if isinstance(routed, MessageRouted) and routed.message_code == "323":
            await receive_declaration(inv, work, receive, routed)

    return apply


async def receive_declaration(inv: Invoicing, work: Work[InvoicingPorts], receive: Command,
                              routed: MessageRouted) -> None:
    receipt: Receipt = await inv.commands.within(work, receive, routed)
    if receipt.to_answer:
        m = receipt.matched
        await answer_declaration(inv, work, AnswerDeclaration(routed.message_id, m.declaration, m.result,
                                                              m.received_on, receipt.version))


def receive_command(inv: Invoicing) -> Command:
    """ReceiveDeclaration with this service's decoder and margin."""

    async def matched(ports: InvoicingPorts, routed: MessageRouted) -> Matched:
        """The JW323 kept and decoded, then matched; its bytes (65 MB for 100,000 lines) and the
        codec's model are let go once the domain's declaration is built, and the match's context
        once it is matched: what the answer needs is in the result."""
        declaration = await kept_and_decoded(inv, ports, routed)
        received_on = datetime.fromisoformat(routed.received_at).astimezone(AMSTERDAM).date()
        context = await ports.master.match_context(declaration, received_on)
        return Matched(declaration, match_declaration(declaration, context, await ports.master.policy()), received_on)

    def decide(routed: MessageRouted, _: Mapping[str, History], m: Matched, now: datetime) -> Decision[Receipt]:
        return decide_receipt_of(routed, m, inv.margin_working_days)

    return Command(no_streams, decide, matched)


def no_streams(_: MessageRouted) -> tuple[str, ...]:
    """Nothing to load: a declaration's stream begins with its receipt, appended at version 0, so a
    message received before (routed again under another event id) is refused by the store."""
    return ()


def decide_receipt_of(routed: MessageRouted, m: Matched, margin_working_days: int) -> Decision[Receipt]:
    """The receipt's events, written and projected RECEIPT_CHUNK at a time; the message taken up;
    and — unless it is answered at once — its held lines announced (they count as held until
    decided) and its final lines too (they count as such from now, not from the JW325: payments'
    budget and ceilings)."""
    declaration, result = m.declaration, m.result
    decided = receipt_events(declaration, result, m.received_on, margin_working_days)
    stream, tenant = declaration_stream(routed.message_id), declaration.header.addressee_gemeente
    to_answer = not result.lines_assessed or result.final
    news: list[object] = [MessageStatus(routed.message_id, "processing")]
    if not to_answer:
        key = DeclarationKey(routed.message_id, declaration.number, declaration.header.sender_agb, tenant)
        news += [e for e in (lines_held(key, result.lines), lines_decided(key, result.lines)) if e is not None]
    return Decision(Receipt(m, receipt_length(result), to_answer),
                    [Append(stream, 0, decided, tenant, chunk=RECEIPT_CHUNK)],
                    [Publish(e, stream, tenant, version=1) for e in news])


async def kept_and_decoded(inv: Invoicing, ports: InvoicingPorts, routed: MessageRouted) -> Declaration:
    """The JW323 as received, kept first: a record beside the events, not rebuilt, written in the
    same transaction while little else is held, its bytes made where they are written (the store
    copies them anyway); then unpacked again for the decode (off the event loop) and let go when
    this returns. A message kept before is refused here as the stream's version would refuse it:
    the transaction changes nothing."""
    await ports.declarations.keep_received(routed.message_id, routed.body)
    return declaration_from_jw323(await asyncio.to_thread(inv.decode, routed.body()))
