"""Budget ceilings at matching (issue 7 rule 4, design.md §6): usage is approved + held; a line
beyond its contract's ceiling follows the policy, held for finance by default."""

from dataclasses import replace
from datetime import date

import pytest

from services.invoicing.adapters.policy import policy_from_section
from services.invoicing.domain.ceilings import ContractCeiling, ceiling_for, excluded_municipalities
from services.invoicing.domain.decisions import decide_held_rejected
from services.invoicing.domain.matcher import rematch_line
from services.invoicing.domain.outcome import CeilingCheck
from services.invoicing.domain.policy import BeyondCeiling, MatchPolicy, Status
from tests.unit.invoicing.builders import (AGB, GEMEENTE, MAY, approved, context, credit_of, declaration, line,
                                           match)

APRIL_LINE = line("R100")  # 8 h × €75 = €600.00
MAY_LINE = line("R101", period=MAY)
JUNE_3 = date(2026, 6, 3)
TWO_MONTHS = declaration(APRIL_LINE, MAY_LINE, period=MAY, dated=JUNE_3)


def ceiling(cents: int, year: int = 2026, municipalities: frozenset[str] = frozenset()) -> ContractCeiling:
    return ContractCeiling("C1", AGB, municipalities, {year: cents})


def under(cents: int, used: int = 0, year: int = 2026, **changes):
    return replace(context(received_on=JUNE_3), ceiling=ceiling(cents, year, **changes), ceiling_used={year: used})


def statuses(result) -> dict[str, Status]:
    return {o.line.reference: o.status for o in result.lines}


def test_lines_under_the_ceiling_are_approved_and_carry_no_ceiling_check():
    result = match(TWO_MONTHS, under(120000))  # exactly at the ceiling still fits
    assert statuses(result) == {"R100": Status.APPROVED, "R101": Status.APPROVED}
    assert [o.ceiling for o in result.lines] == [None, None]


def test_the_line_that_goes_beyond_the_ceiling_is_held_for_finance_and_says_by_how_much():
    result = match(TWO_MONTHS, under(100000))
    assert statuses(result) == {"R100": Status.APPROVED, "R101": Status.HELD}
    held = result.lines[1]
    assert held.codes == ()  # iJw has no retourcode for a contract ceiling
    assert held.ceiling == CeilingCheck("C1", 2026, 100000, 120000)


def test_usage_already_approved_or_held_before_this_declaration_counts():
    assert statuses(match(TWO_MONTHS, under(150000, used=40000))) == {"R100": Status.APPROVED, "R101": Status.HELD}
    assert statuses(match(TWO_MONTHS, under(150000, used=30000))) == {"R100": Status.APPROVED, "R101": Status.APPROVED}


def test_a_line_held_by_the_rules_counts_as_used_for_the_lines_after_it():
    over_cap = line("R100", volume=11, amount=82500)  # 11 h in April: TR321 holds it (9321)
    result = match(declaration(over_cap, MAY_LINE, period=MAY, dated=JUNE_3), under(120000))
    assert [(o.status, o.codes) for o in result.lines] == [(Status.HELD, ("9321",)), (Status.HELD, ())]
    assert result.lines[1].ceiling == CeilingCheck("C1", 2026, 120000, 142500)


def test_a_rejected_line_uses_nothing():
    wrong_amount = line("R100", amount=1)  # 9346 rejects
    result = match(declaration(wrong_amount, MAY_LINE, period=MAY, dated=JUNE_3), under(60000))
    assert statuses(result) == {"R100": Status.REJECTED, "R101": Status.APPROVED}


def test_the_region_may_approve_beyond_the_ceiling_and_the_line_still_shows_the_overrun():
    policy = MatchPolicy.default(beyond_ceiling=BeyondCeiling.APPROVE)
    result = match(TWO_MONTHS, under(100000), policy)
    assert statuses(result) == {"R100": Status.APPROVED, "R101": Status.APPROVED}
    assert result.lines[1].ceiling == CeilingCheck("C1", 2026, 100000, 120000)


def test_a_credit_is_never_held_for_the_ceiling_and_frees_room_for_the_debets_after_it():
    history = approved(APRIL_LINE)
    correction = declaration(credit_of(APRIL_LINE, "R200"), MAY_LINE, period=MAY, dated=JUNE_3)
    ctx = replace(context(history=history, received_on=JUNE_3), ceiling=ceiling(60000), ceiling_used={2026: 60000})
    result = match(correction, ctx)
    assert statuses(result) == {"R200": Status.APPROVED, "R101": Status.APPROVED}


def test_a_ceiling_for_another_year_does_not_apply():
    assert statuses(match(TWO_MONTHS, under(1, year=2027))) == {"R100": Status.APPROVED, "R101": Status.APPROVED}


def test_the_contract_naming_the_municipality_wins_over_the_region_wide_one():
    regional = ContractCeiling("REGION", AGB, frozenset(), {2026: 1})
    local = ContractCeiling("LOCAL", AGB, frozenset({GEMEENTE}), {2026: 1})
    elsewhere = ContractCeiling("ELSEWHERE", AGB, frozenset({"0193"}), {2026: 1})
    assert ceiling_for([regional, local, elsewhere], AGB, GEMEENTE) == local
    assert ceiling_for([regional, elsewhere], AGB, GEMEENTE) == regional
    assert ceiling_for([elsewhere], AGB, GEMEENTE) is None
    assert ceiling_for([regional], "42420002", GEMEENTE) is None


def test_a_region_wide_ceiling_leaves_out_the_municipalities_with_a_contract_of_their_own():
    region_wide = ContractCeiling("C1", AGB, frozenset(), {2026: 1000})
    own = ContractCeiling("C2", AGB, frozenset({GEMEENTE}), {2026: 500})
    other_provider = ContractCeiling("C3", "99999999", frozenset({"0150"}), {2026: 500})
    ceilings = [region_wide, own, other_provider]
    assert (excluded_municipalities(ceilings, region_wide), excluded_municipalities(ceilings, own)) == (
        frozenset({GEMEENTE}), frozenset())


def test_a_held_line_matched_again_is_measured_without_counting_itself_twice():
    # R101 is held: the usage of 120000 already counts it.
    fits = replace(context(history=approved(APRIL_LINE), received_on=JUNE_3), ceiling=ceiling(120000), ceiling_used={2026: 120000})
    assert rematch_line(TWO_MONTHS, "999900006", MAY_LINE, fits, MatchPolicy.default()).status is Status.APPROVED
    raised_not_enough = replace(fits, ceiling=ceiling(119999))
    outcome = rematch_line(TWO_MONTHS, "999900006", MAY_LINE, raised_not_enough, MatchPolicy.default())
    assert (outcome.status, outcome.ceiling) == (Status.HELD, CeilingCheck("C1", 2026, 119999, 120000))


def test_a_line_held_for_the_ceiling_alone_is_rejected_only_with_a_retourcode():
    held = match(TWO_MONTHS, under(100000)).lines[1]
    with pytest.raises(ValueError, match="retourcode"):
        decide_held_rejected("DN001", held, "financien", "budget op")
    assert decide_held_rejected("DN001", held, "financien", "budget op", ("9369",)).codes == ("9369",)


def test_the_policy_section_names_what_happens_beyond_a_ceiling():
    assert policy_from_section({}).beyond_ceiling is BeyondCeiling.HOLD
    assert policy_from_section({"beyond_ceiling": "approve"}).beyond_ceiling is BeyondCeiling.APPROVE
    with pytest.raises(ValueError, match="no retourcode"):
        policy_from_section({"beyond_ceiling": "reject"})


def exempting(**section) -> MatchPolicy:
    return policy_from_section({"ceiling_exempt": section})


def test_an_exempt_line_beyond_the_ceiling_is_approved_and_counts_for_nothing_under_it():
    result = match(TWO_MONTHS, under(60000), exempting(products=[APRIL_LINE.code]))
    assert statuses(result) == {"R100": Status.APPROVED, "R101": Status.APPROVED}
    assert [o.ceiling_exempt for o in result.lines] == [True, True]


def test_exempt_by_category_or_by_allocation_of_this_municipality_only():
    assert statuses(match(TWO_MONTHS, under(60000), exempting(categories=[APRIL_LINE.category]))) == {
        "R100": Status.APPROVED, "R101": Status.APPROVED}
    named = exempting(allocations=[f"{GEMEENTE}/{APRIL_LINE.allocation_number}"])
    assert named.ceiling_exempt.covers(GEMEENTE, APRIL_LINE)
    assert not named.ceiling_exempt.covers("0150", APRIL_LINE)


def test_an_exempt_allocation_is_named_by_municipality_and_number():
    with pytest.raises(ValueError, match="gemeentecode/toewijzingnummer"):
        exempting(allocations=["300201"])
