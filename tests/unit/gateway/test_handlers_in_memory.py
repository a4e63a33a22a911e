"""Receiving, answering, acknowledging and the region's parties, decided by the gateway's
handlers on its in-memory adapters (the same handlers run on SQL in tests/integration/gateway)."""

from __future__ import annotations

from pathlib import Path

import pytest

from services.gateway.domain.routing import RefusedMessage
from services.gateway.handlers.exchange import exchange_consumer
from services.gateway.handlers.intake import receive_message
from services.gateway.handlers.mailbox import acknowledge, read_item
from services.gateway.handlers.parties import PartySpec, register_party
from shared.audit import Origin
from shared.auth.principal import PartyKind, PartyPrincipal
from shared.events.envelope import Envelope, NewEvent
from shared.events.registry import EventRegistry
from shared.exchange.contract import CLASSES, UPCASTERS, MessageIssued, MessageRouted, MessageStatus
from tests.unit.gateway.conftest import MUNICIPALITY, PROVIDER, T0, audited

EXAMPLES = Path(__file__).resolve().parents[3] / "examples" / "ijw" / "valid"
JW323, JW325 = (EXAMPLES / "JW323.xml").read_bytes(), (EXAMPLES / "JW325.xml").read_bytes()
CALLER = PartyPrincipal(PROVIDER, PartyKind.PROVIDER)
GEMEENTE = PartyPrincipal(MUNICIPALITY, PartyKind.MUNICIPALITY)
ROUTED = EventRegistry.of(CLASSES, UPCASTERS)


async def from_service(gw, store, event) -> None:  # type: ignore[no-untyped-def]
    async with store.unit_of_work() as work:
        await exchange_consumer(gw)(work, Envelope.of("decl-1", 1, NewEvent.of(event, T0)))
        await work.commit()


async def test_a_declaration_is_recorded_once_and_routed_to_invoicing_with_its_bytes(memory_gateway):
    gw, store = memory_gateway
    first = await receive_message(gw, CALLER, JW323)
    again = await receive_message(gw, CALLER, JW323)
    assert (first.repeated, again.repeated, again.message_id) == (False, True, first.message_id)
    routed = [Envelope.from_json(row.value) for row in await store.db.pending_outbox(10)]
    assert [(e.type, e.payload["message_code"], ROUTED.decode(e).body()) for e in routed] == [
        (MessageRouted.TYPE, "323", JW323)]
    status = await gw.queries.messages.sent_by(first.message_id, CALLER.mailboxes)
    assert (status.status, status.receiver, await gw.queries.messages.body(first.message_id)) == (
        "received", MUNICIPALITY, JW323)


async def test_a_message_for_a_receiver_outside_the_region_is_refused_and_records_nothing(memory_gateway):
    gw, store = memory_gateway
    stranger = JW323.replace(b"<jw323:Ontvanger>0384<", b"<jw323:Ontvanger>0999<")
    with pytest.raises(RefusedMessage, match="receiver 0999"):
        await receive_message(gw, CALLER, stranger)
    assert await store.db.pending_outbox(10) == [] and store.state.received == {}


async def test_an_answer_reaches_the_mailbox_and_answers_its_declaration(memory_gateway):
    gw, store = memory_gateway
    sent = await receive_message(gw, CALLER, JW323)
    await from_service(gw, store, MessageStatus(sent.message_id, "processing"))
    await from_service(gw, store, MessageIssued("a-1", "325", MUNICIPALITY, PROVIDER, JW325.decode(), sent.message_id))
    await from_service(gw, store, MessageStatus(sent.message_id, "processing"))  # late: a status never goes back
    status = await gw.queries.messages.sent_by(sent.message_id, CALLER.mailboxes)
    assert (status.status, status.answer_id) == ("answered", "a-1")
    item = await gw.queries.mailbox.item("a-1", CALLER.mailboxes)
    assert (item.in_reply_to, item.conversation_id) == (sent.message_id, sent.message_id)


async def test_reading_and_acknowledging_a_mailbox_message_is_audited_once_each(memory_gateway):
    gw, store = memory_gateway
    await from_service(gw, store, MessageIssued("a-1", "325", MUNICIPALITY, PROVIDER, JW325.decode()))
    assert await read_item(gw, CALLER, "a-1", Origin()) == JW325
    assert await read_item(gw, GEMEENTE, "a-1", Origin()) is None  # not addressed to it
    assert await acknowledge(gw, CALLER, "a-1", Origin()) and await acknowledge(gw, CALLER, "a-1", Origin())
    assert await audited(store) == [("mailbox.read", "allowed"), ("mailbox.acknowledge", "allowed")]
    assert (await gw.queries.mailbox.item("a-1", CALLER.mailboxes)).acknowledged_at == T0


async def test_registering_a_party_again_records_only_what_changed(memory_gateway):
    gw, _ = memory_gateway
    assert await register_party(gw, PartySpec(PROVIDER, PartyKind.PROVIDER, "Aanbieder", ("token-provider",))) == 0
    assert await register_party(gw, PartySpec(PROVIDER, PartyKind.PROVIDER, "Nieuwe naam",
                                              ("token-provider", "token-2"))) == 2
    assert (await gw.queries.parties.get(PROVIDER)).name == "Nieuwe naam"
