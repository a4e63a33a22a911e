"""Level-2 rules of JW301, JW305/JW307, JW315/JW317 and JW325 (one behaviour per test)."""

from dataclasses import replace
from datetime import date

from shared.ijw import check
from shared.ijw.model.basis import Amount, Extent, Product
from tests.ijw import story


def rules(message) -> list[str]:
    return sorted({f.rule for f in check(message)})


def allocated(**changes):
    message = story.jw301()
    return replace(message, client=replace(message.client, allocations=(replace(story.allocation(), **changes),)))


def test_jw301_budget_without_end_date_fails_cd075():
    assert rules(allocated(product=Product("45"), extent=None, end=None, budget=1000)) == ["CD075"]


def test_jw301_weekly_extent_without_end_date_fails_cd076():
    assert rules(allocated(end=None)) == ["CD076"]


def test_jw301_extent_and_budget_together_fail_cd077_and_its_mirror_cd078():
    assert rules(allocated(budget=1000)) == ["CD077", "CD078"]


def test_jw301_no_product_and_no_budget_fails_cd079():
    assert rules(allocated(product=None, extent=None)) == ["CD079"]


def test_jw301_product_code_without_extent_fails_cd041():
    assert rules(allocated(extent=None)) == ["CD041"]


def test_jw301_extent_on_category_only_allocation_fails_cd080():
    assert rules(allocated(product=Product("55"))) == ["CD080"]


def test_jw301_generic_budget_allocation_passes():
    assert rules(allocated(product=None, extent=None, budget=250000)) == []


def test_jw301_etmaal_per_day_fails_cs338():
    assert rules(allocated(extent=Extent(1, "14", "1"))) == ["CS338"]


def test_jw301_deleted_allocation_with_other_end_date_fails_cs335():
    assert rules(allocated(change_reason="13")) == ["CS335"]


def test_jw301_deleted_allocation_ending_on_start_date_passes_cs335():
    assert rules(allocated(change_reason="13", end=date(2026, 4, 1))) == []


def test_jw301_reason_01_fails_cs336():
    assert rules(allocated(change_reason="01")) == ["CS336"]


def test_jw305_status_2_fails_cs058():
    message = story.jw305()
    product = replace(message.client.products[0], status="2")
    assert rules(replace(message, client=replace(message.client, products=(product,)))) == ["CS058"]


def test_jw307_delete_status_3_passes_cs058():
    message = story.jw307()
    product = replace(message.client.products[0], status="3")
    assert rules(replace(message, client=replace(message.client, products=(product,)))) == []


def test_jw315_bsn_failing_eleven_test_fails_cs002():
    message = story.jw315()
    person = replace(message.client.person, bsn="123456789")
    assert rules(replace(message, client=replace(message.client, person=person))) == ["CS002"]


def test_jw317_dagdeel_per_day_fails_cs338():
    message = story.jw317()
    new = replace(message.client.request.new[0], extent=Extent(2, "16", "1"))
    request = replace(message.client.request, new=(new,))
    assert rules(replace(message, client=replace(message.client, request=request))) == ["CS338"]


def test_jw325_granted_total_not_matching_returned_lines_fails_tr342():
    message = story.jw325()
    assert rules(replace(message, answer=replace(message.answer, total_granted=Amount(1)))) == ["TR342"]
