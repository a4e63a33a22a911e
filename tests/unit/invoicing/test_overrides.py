"""Four eyes on overrides (domain/overrides.py)."""

import pytest

from services.invoicing.domain import events as ev
from services.invoicing.domain.outcome import LineOutcome
from services.invoicing.domain.overrides import FirstApproval, SameApprover, decide_override
from services.invoicing.domain.policy import Status
from tests.unit.invoicing.builders import BSN, line

HELD = LineOutcome(BSN, line(amount=60000), Status.HELD)


def test_below_the_threshold_one_approval_approves():
    event = decide_override("D1", HELD, "ann", "agreed", four_eyes_from=60001, first=None)
    assert isinstance(event, ev.HeldLineApproved) and event.first_approved_by is None


def test_at_the_threshold_the_first_approval_only_records_itself():
    event = decide_override("D1", HELD, "ann", "agreed", four_eyes_from=60000, first=None)
    assert event == ev.HeldLineFirstApproved("D1", "R100", "ann", "agreed")


def test_the_second_approval_by_another_user_names_both():
    event = decide_override("D1", HELD, "bob", "checked", 60000, FirstApproval("ann", "agreed"))
    assert isinstance(event, ev.HeldLineApproved)
    assert (event.by, event.first_approved_by, event.first_reason) == ("bob", "ann", "agreed")


def test_the_first_approver_cannot_give_the_second_even_when_the_threshold_was_lifted_since():
    with pytest.raises(SameApprover, match="HF-FOUR-EYES"):
        decide_override("D1", HELD, "ann", "again", None, FirstApproval("ann", "agreed"))


def test_a_line_not_held_is_not_approved():
    with pytest.raises(ValueError):
        decide_override("D1", LineOutcome(BSN, line(amount=60000), Status.APPROVED), "ann", "x", 1, None)
