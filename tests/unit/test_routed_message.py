"""gateway.MessageRouted carries the message's bytes compressed, and a routed event stored or sent
in version 1 (the XML as text) still reads as the same bytes."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from uuid import uuid4

from shared.events.envelope import Envelope, NewEvent
from shared.events.registry import EventRegistry
from shared.exchange.contract import CLASSES, UPCASTERS, MessageRouted

T0 = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)
JW323 = (Path(__file__).resolve().parents[2] / "examples" / "ijw" / "valid" / "JW323.xml").read_bytes()
ROUTED = EventRegistry.of(CLASSES, UPCASTERS)
ENDS = ("m-1", "323", "98000001", "0193", "98000001", T0.isoformat())


def test_a_routed_message_arrives_with_the_bytes_sent_and_travels_smaller_than_them():
    sent = Envelope.of("message-m-1", 1, NewEvent.of(MessageRouted.of(*ENDS, JW323), T0))
    wire = sent.to_json()
    assert ROUTED.decode(Envelope.from_json(wire)).body() == JW323
    assert len(wire) < len(JW323)


def test_a_routed_message_of_version_1_is_read_as_the_same_bytes():
    v1 = Envelope(uuid4(), MessageRouted.TYPE, 1, "message-m-1", 1, T0, {
        "message_id": "m-1", "message_code": "323", "sender": "98000001", "receiver": "0193",
        "submitter": "98000001", "received_at": T0.isoformat(), "xml": JW323.decode("utf-8")})
    routed = ROUTED.decode(Envelope.from_json(v1.to_json()))
    assert (routed.message_code, routed.received_at, routed.body()) == ("323", T0.isoformat(), JW323)
