"""Issuing an allocation: given events / when IssueAllocation / then events."""

from dataclasses import replace
from datetime import date

import pytest

from services.allocation.domain.allocation import Allocation, version_event, version_payload
from services.allocation.domain.allocation_commands import ClientContext
from services.allocation.domain.allocation_decisions import decide_issue
from services.allocation.domain.allocation_rules import frequencies_for
from services.allocation.domain.errors import RuleViolation
from services.allocation.domain.events import AllocationIssued, Event
from services.allocation.domain.values import Extent, Product

from .given import (DEVENTER, NOW, OTHER_CLIENT, OTHER_PROVIDER, TOTAL_HOURS, ZWOLLE, issue, issued,
                    state_of, version)

CONTRACTED = ClientContext(contracted=True)


def beside(*others):
    """Contracted, with these other allocations of the client at the provider."""
    return ClientContext(contracted=True, others=others)


def test_issuing_a_new_number_records_the_first_version_stamped_now():
    events = decide_issue(issue(), Allocation(), NOW, CONTRACTED)
    assert events == [Event(version_event(AllocationIssued, version()), tenant=ZWOLLE)]
    assert events[0].payload == {**version_payload(version()), "recorded_by": None}


def test_issued_event_carries_what_invoicing_and_payments_need():
    payload = decide_issue(issue(), Allocation(), NOW, CONTRACTED)[0].payload
    assert payload["product"] == {"category": "45", "code": "45A03"}
    assert payload["extent"] == {"volume": 2, "unit": "04", "frequency": "2"}
    assert (payload["start"], payload["end"]) == ("2026-04-01", "2026-07-14")
    assert (payload["allocated_on"], payload["allocated_at"]) == ("2026-04-01", "12:34:56")
    assert payload["referrer_type"] == "01"


def test_tr332_allocation_number_is_unique_per_municipality():
    given = state_of(issued())
    with pytest.raises(RuleViolation) as refused:
        decide_issue(issue(client_bsn=OTHER_CLIENT), given, NOW, CONTRACTED)
    assert (refused.value.rule, refused.value.code) == ("TR332", "9332")


def test_tr332_the_same_number_in_another_municipality_is_a_different_allocation():
    events = decide_issue(issue(municipality=DEVENTER), Allocation(), NOW, CONTRACTED)
    assert events[0].tenant == DEVENTER


def test_only_contracted_products_can_be_allocated_to_a_provider():
    with pytest.raises(RuleViolation) as refused:
        decide_issue(issue(), Allocation(), NOW, ClientContext(contracted=False))
    assert refused.value.rule == "HF-CONTRACT"


def test_op259_same_product_for_an_overlapping_period_at_one_provider_is_refused():
    other = version(number=300100, start=date(2026, 1, 1), end=date(2026, 4, 30))
    with pytest.raises(RuleViolation) as refused:
        decide_issue(issue(), Allocation(), NOW, beside(other))
    assert refused.value.rule == "OP259"


def test_op259_an_aspecific_allocation_of_the_same_category_also_stacks():
    other = version(number=300100, product=Product("45"), extent=None)
    with pytest.raises(RuleViolation, match="OP259"):
        decide_issue(issue(), Allocation(), NOW, beside(other))


def test_op259_a_generic_allocation_clashes_with_any_product():
    other = version(number=300100, product=None, extent=None, budget=100_000)
    with pytest.raises(RuleViolation, match="OP259"):
        decide_issue(issue(), Allocation(), NOW, beside(other))


def test_op259_another_provider_or_a_deleted_allocation_does_not_stack():
    elsewhere = version(number=300100, provider_agb=OTHER_PROVIDER)
    deleted = version(number=300101, end=date(2026, 4, 1), change_reason="13")
    events = decide_issue(issue(), Allocation(), NOW, beside(elsewhere, deleted))
    assert len(events) == 1


def test_op259_another_product_or_a_later_period_does_not_stack():
    other_code = version(number=300100, product=Product("45", "45A04"))
    earlier = version(number=300101, start=date(2026, 1, 1), end=date(2026, 3, 31))
    events = decide_issue(issue(), Allocation(), NOW, beside(other_code, earlier))
    assert len(events) == 1


def test_op380_continuing_a_running_allocation_with_the_same_omvang_must_be_an_extension():
    running = version(number=300100, start=date(2026, 1, 1), end=date(2026, 4, 30))
    with pytest.raises(RuleViolation) as refused:
        decide_issue(issue(start=date(2026, 5, 1)), Allocation(), NOW, beside(running))
    assert refused.value.rule == "OP380"


def test_op380_a_continuation_with_another_volume_gets_a_new_number():
    running = version(number=300100, start=date(2026, 1, 1), end=date(2026, 4, 30))
    command = issue(start=date(2026, 5, 1), extent=Extent(3, "04", "2"))
    assert decide_issue(command, Allocation(), NOW, beside(running))


def test_op380_does_not_apply_to_frequency_6():
    running = version(number=300100, start=date(2026, 1, 1), end=date(2026, 4, 30), extent=TOTAL_HOURS)
    command = issue(start=date(2026, 5, 1), extent=TOTAL_HOURS)
    assert decide_issue(command, Allocation(), NOW, beside(running))


def test_the_provider_agb_must_be_eight_digits():
    with pytest.raises(RuleViolation, match="LDT_AgbCode"):
        decide_issue(issue(provider_agb="1234"), Allocation(), NOW, CONTRACTED)


def test_cs002_client_bsn_must_pass_the_eleven_test():
    with pytest.raises(RuleViolation, match="CS002"):
        decide_issue(issue(client_bsn="123456789"), Allocation(), NOW, CONTRACTED)


@pytest.mark.parametrize(("changes", "rule"), [
    ({"budget": 100_000}, "CD077"),
    ({"product": None, "extent": None}, "CD079"),
    ({"extent": None, "budget": None}, "CD041"),
    ({"product": Product("45")}, "CD080"),
    ({"end": None}, "CD076"),
    ({"extent": None, "product": Product("45"), "budget": 5_000, "end": None}, "CD075"),
    ({"extent": Extent(1, "14", "1")}, "CS338"),
    ({"end": date(2026, 3, 1)}, "HF-PERIOD"),
])
def test_toegewezen_product_conditions_are_enforced(changes, rule):
    with pytest.raises(RuleViolation) as refused:
        decide_issue(replace(issue(), **changes), Allocation(), NOW, CONTRACTED)
    assert refused.value.rule == rule


def test_cs338_units_counted_in_etmalen_dagdelen_or_euros_are_not_offered_per_dag():
    assert frequencies_for("14") == ("2", "4", "6") and frequencies_for("04") == ("1", "2", "4", "6")
