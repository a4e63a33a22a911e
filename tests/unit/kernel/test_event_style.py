"""One event style: typed, versioned dataclasses, one serializer, a registry of classes whose
upcasters lift what was stored or sent in an older shape."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from enum import StrEnum
from typing import ClassVar
from uuid import uuid4

import pytest

from shared.bus.port import Record
from shared.events.envelope import Envelope, NewEvent
from shared.events.registry import EventRegistry
from shared.events.serializer import MalformedEvent, to_payload
from shared.exchange.contract import CLASSES, MessageIssued
from shared.persistence.inbox import idempotent_handler
from shared.persistence.memory import MemoryDatabase

T0 = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)


class Outcome(StrEnum):
    APPROVED = "approved"


@dataclass(frozen=True)
class Finding:
    rule: str
    line: int | None = None


@dataclass(frozen=True)
class LineDecided:
    TYPE: ClassVar[str] = "test.LineDecided"
    VERSION: ClassVar[int] = 3
    reference: str
    period: date
    outcome: Outcome
    amount: int
    findings: tuple[Finding, ...] = ()


def _v1_to_v2(p: dict) -> dict:
    return {**p, "amount": round(p.pop("euros") * 100)}


def _v2_to_v3(p: dict) -> dict:
    return {**p, "outcome": p.get("outcome", "approved")}


REGISTRY = EventRegistry.of((LineDecided,), {(LineDecided.TYPE, 1): _v1_to_v2, (LineDecided.TYPE, 2): _v2_to_v3})


def envelope_of(event: NewEvent) -> Envelope:
    return Envelope.of("line-1", 1, event)


def test_an_event_survives_the_store_and_the_wire_with_its_types():
    event = LineDecided("R1", date(2026, 5, 1), Outcome.APPROVED, 7850, (Finding("TR301", 12),))
    sent = Envelope.from_json(envelope_of(NewEvent.of(event, T0, tenant="0193")).to_json())
    assert (sent.type, sent.version, sent.payload["period"]) == ("test.LineDecided", 3, "2026-05-01")
    assert REGISTRY.decode(sent) == event


def test_the_wire_form_and_the_payload_are_the_same_whether_or_not_the_payload_was_read_first():
    event = LineDecided("R1", date(2026, 5, 1), Outcome.APPROVED, 7850, (Finding("TR301", 12),))
    fresh = envelope_of(NewEvent.of(event, T0, tenant="0193"))
    read = envelope_of(NewEvent.of(event, T0, tenant="0193"))
    read = replace(read, event_id=fresh.event_id, correlation_id=fresh.correlation_id)
    assert read.payload == to_payload(event)
    assert fresh.to_json() == read.to_json()
    received = Envelope.from_json(fresh.to_json())
    assert REGISTRY.decode(received) == event
    assert received.payload["findings"] == [{"rule": "TR301", "line": 12}]
    assert REGISTRY.decode(received) == event


def test_a_version_1_payload_is_lifted_through_every_upcaster_to_the_class():
    stored = Envelope(uuid4(), LineDecided.TYPE, 1, "line-1", 1, T0, {"reference": "R1", "period": "2026-05-01",
                                                                        "euros": 78.5})
    assert REGISTRY.decode(stored) == LineDecided("R1", date(2026, 5, 1), Outcome.APPROVED, 7850)


def test_upcasters_that_leave_a_version_out_are_refused_when_the_registry_is_built():
    with pytest.raises(ValueError, match="do not reach version 3"):
        EventRegistry.of((LineDecided,), {(LineDecided.TYPE, 1): _v1_to_v2})
    with pytest.raises(ValueError, match="not registered"):
        EventRegistry.of((), {(LineDecided.TYPE, 1): _v1_to_v2})


def test_a_payload_that_does_not_fit_its_class_is_refused_naming_the_type():
    wrong = Envelope(uuid4(), LineDecided.TYPE, 3, "line-1", 1, T0, {"reference": "R1", "period": "mei",
                                                                       "outcome": "approved", "amount": 1})
    with pytest.raises(MalformedEvent, match="test.LineDecided"):
        REGISTRY.decode(wrong)
    with pytest.raises(MalformedEvent, match="test.LineDecided"):
        REGISTRY.decode(Envelope.from_json(wrong.to_json()))


@dataclass(frozen=True)
class MessageIssuedV2:
    """What a second version of the exchange's MessageIssued could look like: the conversation
    named by the issuing service. A gateway reading v2 must still take v1 from a service not yet
    upgraded."""

    TYPE: ClassVar[str] = MessageIssued.TYPE
    VERSION: ClassVar[int] = 2
    message_id: str
    message_code: str
    sender: str
    addressee: str
    xml: str
    in_reply_to: str | None
    conversation_id: str


async def test_a_consumer_on_a_newer_version_of_an_integration_event_gets_the_old_one_lifted():
    lift = {(MessageIssued.TYPE, 1): lambda p: {**p, "conversation_id": p["in_reply_to"] or p["message_id"]}}
    newer = EventRegistry.of((*[c for c in CLASSES if c is not MessageIssued], MessageIssuedV2), lift)
    seen: list[object] = []

    async def apply(uow, envelope) -> None:  # type: ignore[no-untyped-def]
        seen.append(newer.decode(envelope))

    old = NewEvent.of(MessageIssued("m-2", "325", "0193", "98000001", "<Bericht/>", "m-1"), T0)
    record = Record("happyflow.invoicing.events", 0, 0, "decl-1", envelope_of(old).to_json(), ())
    await idempotent_handler(MemoryDatabase(), "gateway.exchange", newer, apply)(record)
    assert seen == [MessageIssuedV2("m-2", "325", "0193", "98000001", "<Bericht/>", "m-1", "m-1")]
