"""JW301 versions recorded in any arrival order: the latest Toewijzingsdatum + Toewijzingstijd
wins (IV013), never the latest arrival (OP080)."""

from datetime import date, datetime, time, timedelta
from functools import reduce

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from services.allocation.domain import allocation as agg
from services.allocation.domain.allocation import Allocation
from services.allocation.domain.allocation_commands import RecordAllocationVersion
from services.allocation.domain.allocation_decisions import decide_record_version
from services.allocation.domain.errors import RuleViolation
from services.allocation.domain.events import ALLOCATION_VERSION_RECORDED
from services.allocation.domain.values import Extent

from .given import NOW, OTHER_CLIENT, version


def record(state, v):
    events = decide_record_version(RecordAllocationVersion(v), state, NOW)
    return reduce(agg.evolve, events, state)


def test_op080_an_older_version_arriving_late_does_not_override():
    newer = version(end=date(2026, 5, 31), change_reason="05", allocated_on=date(2026, 5, 1))
    state = record(record(Allocation(), newer), version())
    assert state.current == newer


def test_iv013_the_time_decides_between_versions_of_one_day():
    morning = version(allocated_at=time(9, 0))
    afternoon = version(end=date(2026, 5, 31), change_reason="05", allocated_at=time(15, 0))
    assert record(record(Allocation(), afternoon), morning).current == afternoon


def test_a_resend_that_only_learnt_its_referrer_from_the_request_records_nothing():
    """A version recorded before its request's referrer was looked up stays as recorded."""
    state = record(Allocation(), version(referrer_type=None, provider_reference="VOT-1"))
    again = version(referrer_type="02", provider_reference="VOT-1")
    assert decide_record_version(RecordAllocationVersion(again), state, NOW) == []


def test_an_unchanged_resend_of_a_version_records_nothing():
    state = record(Allocation(), version())
    assert decide_record_version(RecordAllocationVersion(version()), state, NOW) == []


def test_a_recorded_version_is_an_allocation_version_recorded_event():
    events = decide_record_version(RecordAllocationVersion(version()), Allocation(), NOW)
    assert [e.type for e in events] == [ALLOCATION_VERSION_RECORDED]


def test_tr332_a_version_for_another_client_under_a_used_number_is_refused():
    state = record(Allocation(), version())
    with pytest.raises(RuleViolation) as refused:
        record(state, version(client_bsn=OTHER_CLIENT, allocated_at=time(13, 0)))
    assert (refused.value.rule, refused.value.code) == ("TR332", "9332")


def test_iv066_a_recorded_version_may_not_change_a_weekly_volume():
    state = record(Allocation(), version())
    with pytest.raises(RuleViolation, match="IV066"):
        record(state, version(extent=Extent(3, "04", "2"), change_reason="04", allocated_at=time(13, 0)))


def test_iv013_two_different_versions_with_one_stamp_are_refused():
    state = record(Allocation(), version())
    with pytest.raises(RuleViolation, match="IV013"):
        record(state, version(end=date(2026, 5, 31), change_reason="05"))


_BASE = datetime(2026, 4, 1, 8, 0, 0)


@st.composite
def versions_of_one_allocation(draw):
    """Valid versions of one frequency-6 allocation: distinct stamps, varying end and volume."""
    offsets = draw(st.lists(st.integers(0, 60 * 24 * 60), min_size=1, max_size=8, unique=True))
    result = []
    for offset in offsets:
        stamp = _BASE + timedelta(minutes=offset)
        end = date(2026, 4, 1) + timedelta(days=draw(st.integers(0, 400)))
        volume = draw(st.integers(0, 500))
        deleted = draw(st.booleans()) and draw(st.booleans())
        result.append(version(
            extent=Extent(volume, "04", "6"), end=date(2026, 4, 1) if deleted else end,
            change_reason="13" if deleted else draw(st.sampled_from([None, "04", "05"])),
            allocated_on=stamp.date(), allocated_at=stamp.time()))
    return result


@settings(max_examples=200, deadline=None)
@given(st.data())
def test_op080_any_arrival_order_gives_the_same_effective_state(data):
    versions = data.draw(versions_of_one_allocation())
    arrival = data.draw(st.permutations(versions + data.draw(st.lists(st.sampled_from(versions)))))
    in_order = reduce(record, sorted(versions, key=lambda v: v.stamp), Allocation())
    shuffled = reduce(record, arrival, Allocation())
    assert shuffled == in_order
    assert shuffled.current == max(versions, key=lambda v: v.stamp)
