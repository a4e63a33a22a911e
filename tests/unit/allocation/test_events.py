"""Event types are explicit, versioned constants; decided events become envelopes unchanged."""

from datetime import UTC, datetime
from functools import reduce

from services.allocation.domain import allocation as agg
from services.allocation.domain.allocation import Allocation
from services.allocation.domain.events import ALLOCATION_ISSUED, TYPES, to_new_event
from shared.events.envelope import Envelope
from shared.events.registry import EventRegistry

from .given import ZWOLLE, issued


def test_every_event_type_is_registered_once_under_the_allocation_prefix():
    registry = EventRegistry(TYPES)
    assert all(t.name.startswith("allocation.") and registry.current_version(t.name) == 1 for t in TYPES)


def test_a_decided_event_becomes_a_new_event_with_tenant_and_time():
    at = datetime(2026, 4, 1, 10, 34, 56, tzinfo=UTC)
    new = to_new_event(issued(), at)
    assert (new.type, new.version, new.tenant, new.occurred_at) == (ALLOCATION_ISSUED, 1, ZWOLLE, at)
    assert new.payload == issued().payload


def test_evolve_reads_a_stored_envelope_like_a_decided_event():
    decided = to_new_event(issued(), datetime(2026, 4, 1, tzinfo=UTC))
    stored = Envelope.of("allocation-0193-300201", 1, decided)
    restored = Envelope.from_json(stored.to_json())
    assert reduce(agg.evolve, [restored], Allocation()) == reduce(agg.evolve, [issued()], Allocation())
