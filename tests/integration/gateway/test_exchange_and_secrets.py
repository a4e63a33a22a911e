"""Answers from the services reach the mailboxes; secrets are stored hashed; reads are audited."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime

import sqlalchemy as sa

from services.gateway.adapters.tables import metadata
from shared.bus import Message
from shared.events.envelope import Envelope, NewEvent
from shared.exchange.contract import MESSAGE_ISSUED, MESSAGE_STATUS, MessageIssued, MessageStatus
from shared.log import configure_logging
from tests.integration.gateway.conftest import MUNICIPALITY, PROVIDER, TOKENS, auth, example
from tests.support.audit import audit_entries
from tests.support.embedded import settle


async def publish_from_invoicing(runtime, event_type: str, payload: dict) -> None:
    envelope = Envelope.of("decl-1", 1, NewEvent(event_type, 1, payload, datetime.now(UTC)))
    await runtime.bus.publish([Message("happyflow.invoicing.events", "decl-1", envelope.to_json())])
    await settle(runtime)


async def test_an_answer_from_a_service_lands_in_the_mailbox_and_marks_the_message_answered(gateway):
    runtime, client = gateway
    sent = (await client.post("/gateway/v1/messages", content=example("JW323.xml"), headers=auth(PROVIDER))).json()
    await publish_from_invoicing(runtime, MESSAGE_STATUS, MessageStatus(sent["message_id"], "processing").payload())
    status = await client.get(f"/gateway/v1/messages/{sent['message_id']}", headers=auth(PROVIDER))
    assert status.json()["status"] == "processing"
    answer = MessageIssued(str(uuid.uuid4()), "325", MUNICIPALITY, PROVIDER, example("JW325.xml").decode(),
                           sent["message_id"])
    await publish_from_invoicing(runtime, MESSAGE_ISSUED, answer.payload())
    status = (await client.get(f"/gateway/v1/messages/{sent['message_id']}", headers=auth(PROVIDER))).json()
    assert (status["status"], status["answer_id"]) == ("answered", answer.message_id)
    inbox = (await client.get("/gateway/v1/mailbox", headers=auth(PROVIDER))).json()
    assert [(m["message_code"], m["in_reply_to"]) for m in inbox] == [("JW325", sent["message_id"])]


async def test_a_redelivered_answer_is_delivered_once(gateway):
    runtime, client = gateway
    answer = MessageIssued(str(uuid.uuid4()), "325", MUNICIPALITY, PROVIDER, example("JW325.xml").decode())
    envelope = Envelope.of("decl-1", 1, NewEvent(MESSAGE_ISSUED, 1, answer.payload(), datetime.now(UTC)))
    record = Message("happyflow.invoicing.events", "decl-1", envelope.to_json())
    await runtime.bus.publish([record, record])
    await settle(runtime)
    assert len((await client.get("/gateway/v1/mailbox", headers=auth(PROVIDER))).json()) == 1


async def dump_database(runtime) -> str:
    async with runtime.container("gateway").db.engines.read.connect() as conn:
        rows = [dict(r._mapping) for t in metadata.sorted_tables for r in await conn.execute(sa.select(t))]
    return json.dumps(rows, default=str)


async def test_tokens_are_never_stored_in_clear(gateway):
    runtime, _ = gateway
    stored = await dump_database(runtime)
    assert all(token not in stored for token in TOKENS.values())


async def test_tokens_are_never_logged(gateway, capsys):
    _, client = gateway
    configure_logging("json", "DEBUG")
    await client.get("/gateway/v1/mailbox", headers={"Authorization": "Bearer tok-guessed"})
    assert "tok-guessed" not in capsys.readouterr().out


async def test_reading_a_mailbox_message_is_audited(gateway):
    runtime, client = gateway
    await client.post("/gateway/v1/messages", content=example("JW301.xml"), headers=auth(MUNICIPALITY))
    item = (await client.get("/gateway/v1/mailbox", headers=auth(PROVIDER))).json()[0]["message_id"]
    await client.get(f"/gateway/v1/mailbox/{item}", headers={**auth(PROVIDER), "User-Agent": "zorg-app/1.0"})
    entries = await audit_entries(runtime, action="mailbox.read")
    assert [(e.username, e.roles, e.object, e.municipality) for e in entries] == [
        (PROVIDER, "provider", f"JW301 {item}", MUNICIPALITY)]
    assert entries[0].app == "zorg-app/1.0"
