"""The rules of JW305/JW307 (starts and stops), JW315/JW317 (requests) and JW319 (answers)."""

from dataclasses import replace
from datetime import date

from shared.ijw import check
from shared.ijw.model.basis import Extent, Product
from shared.ijw.model.request import ChangedProduct, Referrer
from tests.ijw import story


def rules(message) -> list[str]:
    return sorted({f.rule for f in check(message)})


def with_products(message, *products):
    return replace(message, client=replace(message.client, products=products))


def requested(**changes):
    message = story.jw315()
    return with_products(message, replace(message.client.products[0], **changes))


def change_request(**changes):
    message = story.jw317()
    return replace(message, client=replace(message.client, request=replace(message.client.request, **changes)))


def answer(**changes):
    message = story.jw319()
    return replace(message, answer=replace(message.answer, **changes))


def test_a_start_after_the_message_date_fails_tr134():
    message = story.jw305()
    assert rules(with_products(message, replace(message.client.products[0], start=date(2026, 4, 8)))) == ["TR134"]


def test_the_same_start_twice_fails_tr101():
    message = story.jw305()
    assert rules(with_products(message, *message.client.products * 2)) == ["TR101"]


def test_a_stop_before_its_start_fails_tr018():
    message = story.jw307()
    assert rules(with_products(message, replace(message.client.products[0], end=date(2026, 4, 2)))) == ["TR018"]


def test_a_request_ending_before_it_starts_fails_cs003():
    assert rules(requested(end=date(2026, 3, 31))) == ["CS003"]


def test_a_request_for_a_unit_per_day_it_does_not_allow_fails_cs343():
    assert rules(requested(extent=Extent(1, "14", "1"))) == ["CS343"]


def test_a_decision_number_without_its_start_date_fails_cd043():
    assert rules(requested(decision_number=4711)) == ["CD043"]


def test_a_named_referrer_with_an_agb_fails_cd066():
    assert rules(requested(referrer=Referrer("02", name="Dr. Dorp", agb="01234567"))) == ["CD066"]


def test_a_gp_without_name_or_agb_fails_cd067():
    assert rules(requested(referrer=Referrer("02"))) == ["CD067"]


def test_a_municipal_referrer_with_an_agb_fails_cd068():
    assert rules(requested(referrer=Referrer("01", agb="01234567"))) == ["CD068"]


def test_an_extent_without_product_code_fails_cd095():
    assert rules(requested(product=Product("55"))) == ["CD095"]


def test_the_same_provider_reference_twice_fails_tr383_and_tr101():
    other = replace(story.jw315().client.products[0], product=Product("55", "55A12"))
    assert rules(with_products(story.jw315(), story.jw315().client.products[0], other)) == ["TR101", "TR383"]


def test_the_same_product_asked_twice_for_overlapping_periods_fails_tr386():
    other = replace(story.jw315().client.products[0], reference="VOT-2026-0002", start=date(2026, 7, 1), end=None,
                    extent=Extent(2, "04", "4"))
    assert rules(with_products(story.jw315(), story.jw315().client.products[0], other)) == ["TR386"]


def test_a_new_product_ending_before_its_desired_start_fails_cs003():
    new = replace(story.jw317().client.request.new[0], end=date(2026, 5, 31))
    assert rules(change_request(new=(new,))) == ["CS003"]


def test_a_new_product_wanted_from_the_message_date_fails_tr380():
    new = replace(story.jw317().client.request.new[0], desired_start=date(2026, 5, 18))
    assert rules(change_request(new=(new,))) == ["TR380"]


def test_a_change_request_without_current_allocations_fails_tr352():
    assert rules(change_request(unchanged=())) == ["TR352"]


def test_a_change_request_that_changes_nothing_fails_tr353():
    assert rules(change_request(new=())) == ["TR353"]


def test_a_weekly_change_without_end_date_fails_cd076():
    changed = ChangedProduct(300201, date(2026, 6, 1), extent=Extent(3, "04", "2"))
    assert rules(change_request(unchanged=(), changed=(changed,))) == ["CD076"]


def test_the_same_new_product_twice_in_overlapping_periods_fails_tr410_and_tr101():
    new = story.jw317().client.request.new[0]
    assert rules(change_request(new=(new, new))) == ["TR101", "TR410"]


def test_a_rejection_without_reason_fails_cd085():
    assert rules(answer(answer="1")) == ["CD085"]


def test_a_reason_while_in_onderzoek_fails_cd086():
    assert rules(answer(rejection_reason="3")) == ["CD086"]


def test_woonplaatsbeginsel_without_the_gemeente_fails_tr377():
    assert rules(answer(answer="1", rejection_reason="8")) == ["TR377"]


def test_a_gemeente_with_another_reason_fails_tr409():
    assert rules(answer(answer="1", rejection_reason="3", residence_municipality="0363")) == ["TR409"]
