"""Changing an allocation: extend (oprekken), shorten/revoke (intrekken), delete, volume, budget."""

from datetime import date, datetime, time

import pytest

from services.allocation.domain.allocation_commands import (
    AdjustBudget, AdjustVolume, DeleteAllocation, ExtendAllocation, ShortenAllocation)
from services.allocation.domain.allocation_decisions import (
    decide_adjust_budget, decide_adjust_volume, decide_delete, decide_extend, decide_shorten)
from services.allocation.domain.errors import NotFound, RuleViolation
from services.allocation.domain.events import (
    ALLOCATION_BUDGET_ADJUSTED, ALLOCATION_DELETED, ALLOCATION_EXTENDED, ALLOCATION_SHORTENED,
    ALLOCATION_VOLUME_ADJUSTED)
from services.allocation.domain.allocation import Allocation
from services.allocation.domain.values import Product

from .given import NOW, TOTAL_HOURS, ZWOLLE, issued, state_of, version

LATER = datetime(2026, 5, 4, 9, 0, 0)
N = 300201
ALONE = ()  # no other allocations of the client at the provider


def test_op380_extending_moves_the_end_date_on_the_same_number():
    events = decide_extend(ExtendAllocation(ZWOLLE, N, date(2026, 9, 30)), state_of(issued()), LATER, ALONE)
    assert [e.type for e in events] == [ALLOCATION_EXTENDED]
    p = events[0].payload
    assert (p["end"], p["change_reason"], p["allocated_on"], p["allocated_at"]) == (
        "2026-09-30", "04", "2026-05-04", "09:00:00")


def test_op380_an_allocation_whose_end_has_passed_cannot_be_extended():
    with pytest.raises(RuleViolation, match="OP380"):
        decide_extend(ExtendAllocation(ZWOLLE, N, date(2026, 9, 30)), state_of(issued()),
                      datetime(2026, 7, 15, 9, 0), ALONE)


def test_op380_an_extension_must_move_the_end_later():
    with pytest.raises(RuleViolation, match="OP380"):
        decide_extend(ExtendAllocation(ZWOLLE, N, date(2026, 6, 30)), state_of(issued()), LATER, ALONE)


def test_op259_an_extension_may_not_run_into_the_same_product_at_the_provider():
    later = version(number=300300, start=date(2026, 8, 1), end=date(2026, 12, 31))
    with pytest.raises(RuleViolation, match="OP259"):
        decide_extend(ExtendAllocation(ZWOLLE, N, date(2026, 9, 30)), state_of(issued()), LATER,
                      (later,))


def test_intrekken_shortens_the_end_date_with_a_reden_wijziging():
    events = decide_shorten(ShortenAllocation(ZWOLLE, N, date(2026, 5, 31), "07"), state_of(issued()), LATER)
    assert [e.type for e in events] == [ALLOCATION_SHORTENED]
    assert (events[0].payload["end"], events[0].payload["change_reason"]) == ("2026-05-31", "07")


def test_revoking_is_shortening_to_a_date_in_the_past():
    events = decide_shorten(ShortenAllocation(ZWOLLE, N, date(2026, 4, 30), "02"), state_of(issued()), LATER)
    assert events[0].payload["end"] == "2026-04-30"


def test_intrekken_cannot_end_before_the_ingangsdatum():
    with pytest.raises(RuleViolation, match="HF-PERIOD"):
        decide_shorten(ShortenAllocation(ZWOLLE, N, date(2026, 3, 31), "05"), state_of(issued()), LATER)


def test_cs336_reden_wijziging_01_may_no_longer_be_used():
    with pytest.raises(RuleViolation, match="CS336"):
        decide_shorten(ShortenAllocation(ZWOLLE, N, date(2026, 5, 31), "01"), state_of(issued()), LATER)


def test_changing_an_unknown_allocation_is_not_found():
    with pytest.raises(NotFound):
        decide_shorten(ShortenAllocation(ZWOLLE, N, date(2026, 5, 31), "05"), Allocation(), LATER)


def test_cs335_deleting_sets_reden_13_and_end_equal_to_start():
    events = decide_delete(DeleteAllocation(ZWOLLE, N), state_of(issued()), LATER, False)
    assert [e.type for e in events] == [ALLOCATION_DELETED]
    assert (events[0].payload["end"], events[0].payload["change_reason"]) == ("2026-04-01", "13")


def test_tr385_an_allocation_with_approved_declarations_cannot_be_deleted():
    with pytest.raises(RuleViolation) as refused:
        decide_delete(DeleteAllocation(ZWOLLE, N), state_of(issued()), LATER, has_approved_declarations=True)
    assert (refused.value.rule, refused.value.code) == ("TR385", "9385")


def test_deleting_twice_changes_nothing():
    deleted = issued(end=date(2026, 4, 1), change_reason="13", allocated_at=time(13, 0))
    assert decide_delete(DeleteAllocation(ZWOLLE, N), state_of(issued(), deleted), LATER, False) == []


def test_tr384_a_deleted_allocation_cannot_be_changed_any_more():
    deleted = issued(end=date(2026, 4, 1), change_reason="13", allocated_at=time(13, 0))
    with pytest.raises(RuleViolation, match="TR384"):
        decide_shorten(ShortenAllocation(ZWOLLE, N, date(2026, 4, 1), "05"),
                       state_of(issued(), deleted), LATER)


def test_iv066_volume_change_without_frequency_6_needs_a_new_number():
    with pytest.raises(RuleViolation) as refused:
        decide_adjust_volume(AdjustVolume(ZWOLLE, N, 3, "04"), state_of(issued()), LATER)
    assert refused.value.rule == "IV066"


def test_iv066_volume_may_change_on_the_same_number_with_frequency_6():
    state = state_of(issued(extent=TOTAL_HOURS))
    events = decide_adjust_volume(AdjustVolume(ZWOLLE, N, 60, "04"), state, LATER)
    assert [e.type for e in events] == [ALLOCATION_VOLUME_ADJUSTED]
    assert events[0].payload["extent"] == {"volume": 60, "unit": "04", "frequency": "6"}


def test_op298_lowering_the_volume_needs_the_providers_consent():
    with pytest.raises(RuleViolation, match="OP298"):
        decide_adjust_volume(AdjustVolume(ZWOLLE, N, 20, "05"), state_of(issued(extent=TOTAL_HOURS)), LATER)


def test_op298_lowering_asked_for_by_the_provider_needs_no_further_consent():
    state = state_of(issued(extent=TOTAL_HOURS))
    assert decide_adjust_volume(AdjustVolume(ZWOLLE, N, 20, "12"), state, LATER)


def test_op033x1_budget_may_change_on_the_same_number():
    budgeted = issued(product=Product("45"), extent=None, budget=100_000)
    events = decide_adjust_budget(AdjustBudget(ZWOLLE, N, 150_000, "04"), state_of(budgeted), LATER)
    assert [e.type for e in events] == [ALLOCATION_BUDGET_ADJUSTED]
    assert events[0].payload["budget"] == 150_000


def test_op299_lowering_the_budget_needs_the_providers_consent():
    budgeted = issued(product=Product("45"), extent=None, budget=100_000)
    with pytest.raises(RuleViolation, match="OP299"):
        decide_adjust_budget(AdjustBudget(ZWOLLE, N, 50_000, "05"), state_of(budgeted), LATER)


def test_iv013_a_change_in_the_same_second_still_becomes_the_latest_version():
    events = decide_shorten(ShortenAllocation(ZWOLLE, N, date(2026, 5, 31), "05"), state_of(issued()), NOW)
    assert events[0].payload["allocated_at"] == "12:34:57"


def test_iv097_a_change_honouring_a_vow_carries_its_referentie_aanbieder():
    command = ExtendAllocation(ZWOLLE, N, date(2026, 9, 30), "12", provider_reference="VOW-7")
    events = decide_extend(command, state_of(issued()), LATER, ALONE)
    assert events[0].payload["provider_reference"] == "VOW-7"
