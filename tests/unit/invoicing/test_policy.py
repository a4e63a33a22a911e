"""The match policy: reject or hold per code, tolerances, a fully automatic region (design.md §5)."""

from datetime import date

import pytest

from services.invoicing.domain.findings import Finding
from services.invoicing.domain.policy import (HOLD_BY_DEFAULT, REJECT_BY_DEFAULT, Action, MatchPolicy,
                                              Status, Tolerance)
from tests.unit.invoicing.builders import MAY, context, declaration, line, match

JUNE_3 = date(2026, 6, 3)
ELEVEN_HOURS = declaration(line(period=MAY, volume=11, amount=82500), period=MAY, dated=JUNE_3)


def test_default_policy_rejects_and_holds_exactly_the_listed_codes():
    policy = MatchPolicy.default()
    assert {c for c in REJECT_BY_DEFAULT if policy.action(c) is Action.REJECT} == set(REJECT_BY_DEFAULT)
    assert {c for c in HOLD_BY_DEFAULT if policy.action(c) is Action.HOLD} == set(HOLD_BY_DEFAULT)
    assert len(REJECT_BY_DEFAULT + HOLD_BY_DEFAULT) == 26


def test_volume_over_cap_is_held_by_default():
    assert match(ELEVEN_HOURS, context(received_on=JUNE_3)).lines[0].status is Status.HELD


def test_line_with_a_reject_code_and_a_hold_code_is_rejected_with_both():
    decl = declaration(line(period=MAY, volume=11, amount=1), period=MAY, dated=JUNE_3)
    outcome = match(decl, context(received_on=JUNE_3)).lines[0]
    assert (outcome.status, outcome.codes) == (Status.REJECTED, ("9321", "9346"))


def test_tolerance_approves_volume_within_percentage_and_says_so():
    policy = MatchPolicy.default([Tolerance("9321", 10)])  # 11 h against 10 h is +10 %
    outcome = match(ELEVEN_HOURS, context(received_on=JUNE_3), policy).lines[0]
    assert (outcome.status, outcome.tolerances) == (Status.APPROVED, ("9321 within 10%",))


def test_tolerance_does_not_approve_beyond_its_percentage():
    policy = MatchPolicy.default([Tolerance("9321", 5)])
    assert match(ELEVEN_HOURS, context(received_on=JUNE_3), policy).lines[0].status is Status.HELD


def test_fully_automatic_region_rejects_what_the_default_holds():
    outcome = match(ELEVEN_HOURS, context(received_on=JUNE_3), MatchPolicy.fully_automatic()).lines[0]
    assert outcome.status is Status.REJECTED


def test_header_declaration_and_client_codes_cannot_be_held():
    with pytest.raises(ValueError):
        MatchPolicy({"8187": Action.HOLD})


def test_tolerance_only_on_held_measurable_codes():
    with pytest.raises(ValueError):
        MatchPolicy.default([Tolerance("9346", 1)])


def test_unknown_code_is_rejected():
    assert MatchPolicy.default().judge((Finding("9999"),)).status is Status.REJECTED
