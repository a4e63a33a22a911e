"""One behaviour per JW323 level-2 rule; the story's April declaration is the valid baseline."""

from dataclasses import replace
from datetime import date

from shared.ijw import check
from shared.ijw.model.basis import Amount, Period
from tests.ijw.story import jw323, line

MARCH = Period(date(2026, 3, 1), date(2026, 3, 31))


def rules(message) -> list[str]:
    return sorted({f.rule for f in check(message)})


def with_bsn(message, number):
    client = replace(message.declaration.clients[0], bsn=number)
    return replace(message, declaration=replace(message.declaration, clients=(client,)))


def test_story_declaration_passes_every_rule():
    assert check(jw323()) == []


def test_jw323_bsn_failing_eleven_test_fails_cs002():
    assert rules(with_bsn(jw323(), "123456789")) == ["CS002"]


def test_jw323_period_before_2021_fails_cs100():
    december = Period(date(2020, 12, 1), date(2020, 12, 31))
    assert rules(jw323(line(period=december), period=december, day=date(2021, 1, 5))) == ["CS100"]


def test_jw323_declaration_number_with_dash_fails_cs319():
    assert rules(jw323(number="DN-1")) == ["CS319"]


def test_jw323_zero_amount_as_credit_fails_cs325():
    zero = line(reference="R2", previous_reference="R0", volume=0, amount=Amount(0, credit=True))
    assert rules(jw323(line(), zero)) == ["CS325"]


def test_jw323_product_period_over_two_months_fails_cs337():
    assert rules(jw323(line(period=Period(date(2026, 3, 20), date(2026, 4, 5))))) == ["CS337"]


def test_jw323_euro_unit_with_amount_other_than_volume_fails_cs339():
    assert rules(jw323(line(unit="83", volume=100, tariff=None, amount=Amount(101)))) == ["CS339"]


def test_jw323_period_not_a_whole_month_fails_cs340():
    assert rules(jw323(period=Period(date(2026, 4, 2), date(2026, 4, 30)))) == ["CS340"]


def test_jw323_credit_without_previous_reference_fails_cd060():
    assert rules(jw323(line(amount=Amount(60000, credit=True)))) == ["CD060"]


def test_jw323_debet_with_previous_reference_fails_cd060():
    assert rules(jw323(line(previous_reference="R0"))) == ["CD060"]


def test_jw323_euro_unit_with_tariff_fails_cd087():
    assert rules(jw323(line(unit="83", volume=60000, tariff=1))) == ["CD087"]


def test_jw323_hour_unit_without_tariff_fails_cd087():
    assert rules(jw323(line(tariff=None))) == ["CD087"]


def test_jw323_same_client_twice_fails_tr101():
    message = jw323()
    client = message.declaration.clients[0]
    doubled = replace(message.declaration, clients=(client, replace(client, lines=(line(reference="R2", period=MARCH),))),
                      total=Amount(120000))
    assert rules(replace(message, declaration=doubled)) == ["TR101"]


def test_jw323_same_reference_twice_fails_tr101():
    assert rules(jw323(line(), line(period=MARCH))) == ["TR101"]


def test_jw323_product_period_starting_after_message_date_fails_tr134_and_so_ends_after_it_tr137():
    assert rules(jw323(line(period=Period(date(2026, 5, 7), date(2026, 5, 7))))) == ["TR134", "TR137"]


def test_jw323_month_not_over_at_message_date_fails_tr137():
    assert rules(jw323(day=date(2026, 4, 29))) == ["TR137"]


def test_jw323_two_credits_of_one_debet_fail_tr315():
    credit = lambda ref: line(reference=ref, previous_reference="R0", amount=Amount(60000, credit=True))  # noqa: E731
    assert rules(jw323(credit("R1"), credit("R2"))) == ["TR315"]


def test_jw323_credit_of_a_debet_in_the_same_message_fails_tr316():
    credit = line(reference="R2", previous_reference="R100", amount=Amount(60000, credit=True))
    assert rules(jw323(line(), credit)) == ["TR316"]


def test_jw323_line_ended_over_five_years_before_declaration_date_fails_tr335():
    old = Period(date(2021, 4, 1), date(2021, 4, 30))
    assert rules(jw323(line(period=old), day=date(2026, 5, 6))) == ["TR335"]


def test_jw323_line_ended_exactly_five_years_before_passes_tr335():
    old = Period(date(2021, 5, 1), date(2021, 5, 6))
    assert rules(jw323(line(period=old), day=date(2026, 5, 6))) == []


def test_jw323_total_not_the_signed_sum_fails_tr358():
    assert rules(jw323(line(), total=Amount(60000, credit=True))) == ["TR358"]


def test_jw323_credit_and_new_debet_for_same_period_pass_tr416():
    credit = line(reference="R2", previous_reference="R0", amount=Amount(60000, credit=True))
    assert rules(jw323(credit, line(reference="R3"))) == []


def test_jw323_two_debets_for_same_allocation_period_and_product_fail_tr416():
    assert rules(jw323(line(), line(reference="R2"))) == ["TR416"]


def test_jw323_reports_every_failing_rule_at_once():
    message = with_bsn(jw323(line(tariff=None), total=Amount(1)), "123456789")
    assert rules(message) == ["CD087", "CS002", "TR358"]
