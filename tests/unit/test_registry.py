"""Event types carry an explicit version; old payloads are lifted on read, never rewritten."""

from datetime import UTC, datetime
from uuid import uuid4

import pytest

from shared.events.envelope import Envelope
from shared.events.registry import EventRegistry, EventType, UnknownEventType


def stored(version: int, payload: dict) -> Envelope:
    return Envelope(uuid4(), "allocation.AllocationIssued", version, "0193-A1", 1,
                    datetime(2026, 1, 5, tzinfo=UTC), payload, tenant="0193")


def amount_in_cents(p: dict) -> dict:
    return {**{k: v for k, v in p.items() if k != "euros"}, "cents": p["euros"] * 100}


def with_unit(p: dict) -> dict:
    return {**p, "unit": p.get("unit", "uur")}


REGISTRY = EventRegistry([EventType("allocation.AllocationIssued", 3, (amount_in_cents, with_unit))])


def test_a_version_1_event_is_upcast_through_every_step_to_the_current_version():
    lifted = REGISTRY.upcast(stored(1, {"euros": 12}))
    assert (lifted.version, lifted.payload) == (3, {"cents": 1200, "unit": "uur"})


def test_a_version_2_event_only_takes_the_last_step():
    assert REGISTRY.upcast(stored(2, {"cents": 5})).payload == {"cents": 5, "unit": "uur"}


def test_upcasting_leaves_the_stored_envelope_untouched():
    original = stored(1, {"euros": 1})
    REGISTRY.upcast(original)
    assert (original.version, original.payload) == (1, {"euros": 1})


def test_an_event_newer_than_the_code_is_refused():
    with pytest.raises(ValueError, match="newer"):
        REGISTRY.upcast(stored(4, {}))


def test_an_unknown_type_is_refused_by_name():
    with pytest.raises(UnknownEventType, match="invoicing.Nope"):
        EventRegistry().upcast(Envelope(uuid4(), "invoicing.Nope", 1, "s", 1, datetime.now(UTC), {}))


def test_registering_a_type_twice_is_a_mistake():
    with pytest.raises(ValueError):
        EventRegistry([EventType("a.B", 1), EventType("a.B", 2)])


def test_envelope_survives_the_wire_format():
    envelope = stored(3, {"cents": 1, "unit": "uur", "bsn": "999990019"})
    assert Envelope.from_json(envelope.to_json()) == envelope
