"""Event types are explicit, versioned classes; decided events become envelopes unchanged, and
events stored before later fields existed still load."""

from datetime import UTC, date, datetime, time
from functools import reduce

from services.allocation.domain import allocation as agg
from services.allocation.domain.allocation import Allocation
from services.allocation.domain.events import (
    ALLOCATION_ISSUED,
    CLASSES,
    CONTRACT_CONCLUDED,
    TYPES,
    AllocationIssued,
    ContractConcluded,
    registry,
    to_new_event,
)
from services.allocation.domain.values import Product
from shared.events.envelope import Envelope, NewEvent
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


def test_every_event_class_keeps_the_type_name_it_was_stored_under():
    assert {c.TYPE for c in CLASSES} == {t.name for t in TYPES} and len(CLASSES) == 27
    assert all(c.TYPE.startswith("allocation.") and c.VERSION == 1 for c in CLASSES)


def test_an_allocation_version_stored_before_referrers_and_signatures_still_loads():
    stored = Envelope.of("allocation-0193-300201", 1, NewEvent(ALLOCATION_ISSUED, 1, {
        "municipality": ZWOLLE, "allocation_number": 300201, "client_bsn": "999900006",
        "provider_agb": "12345678", "product": {"category": "45", "code": "45A03"}, "start": "2026-04-01",
        "end": None, "extent": {"volume": 2, "unit": "04", "frequency": "2"}, "budget": None,
        "change_reason": None, "allocated_on": "2026-04-01", "allocated_at": "12:34:56"},
        datetime(2026, 4, 1, tzinfo=UTC), tenant=ZWOLLE))
    event = registry().decode(Envelope.from_json(stored.to_json()))
    assert isinstance(event, AllocationIssued)
    assert (event.start, event.allocated_at, event.product) == (date(2026, 4, 1), time(12, 34, 56),
                                                                Product("45", "45A03"))
    assert (event.referrer_type, event.comment, event.recorded_by) == (None, None, None)


def test_a_contract_stored_without_an_advance_still_loads_without_one():
    stored = Envelope.of("register-r", 1, NewEvent(CONTRACT_CONCLUDED, 1, {
        "contract_id": "C-1", "provider_agb": "12345678", "municipalities": [], "payment_term_days": 30},
        datetime(2026, 4, 1, tzinfo=UTC)))
    assert registry().decode(stored) == ContractConcluded("C-1", "12345678", (), 30, None)
