"""The JW325 deadline (OP090x4: 10 working days) and the held lines its margin rejects."""

from dataclasses import replace
from datetime import date

import pytest

from services.invoicing.domain.deadline import answer_due, auto_reject_on, lines_to_auto_reject
from services.invoicing.domain.policy import Status
from tests.unit.invoicing.builders import declaration, line, match

KINGS_DAY_WEEK = date(2026, 4, 20)
HELD = line("R2", code="55A12", volume=1, amount=7500)  # 9340 + 0611: held by default
HELD_AND_APPROVED = match(declaration(line("R1", volume=1, amount=7500), HELD)).lines


def test_answer_is_due_ten_working_days_after_receipt_skipping_kings_day():
    assert answer_due(KINGS_DAY_WEEK) == date(2026, 5, 5)


def test_answer_deadline_skips_christmas_and_new_year():
    assert answer_due(date(2026, 12, 21)) == date(2027, 1, 6)


def test_margin_moves_the_auto_rejection_working_days_earlier():
    assert auto_reject_on(KINGS_DAY_WEEK, 2) == date(2026, 5, 1)


def test_held_lines_are_not_rejected_before_the_margin():
    assert lines_to_auto_reject(HELD_AND_APPROVED, KINGS_DAY_WEEK, date(2026, 4, 30), 2) == ()


def test_held_lines_open_at_the_margin_are_rejected_with_the_matchers_codes():
    rejected = lines_to_auto_reject(HELD_AND_APPROVED, KINGS_DAY_WEEK, date(2026, 5, 1), 2)
    summary = [(o.line.reference, o.status, o.codes) for o in rejected]
    assert summary == [("R2", Status.REJECTED, ("9340", "0611"))]


def test_a_line_held_for_its_ceiling_alone_is_approved_at_the_margin_having_no_code_to_be_rejected_with():
    (held,) = [replace(o, status=Status.HELD) for o in HELD_AND_APPROVED if o.line.reference == "R1"]
    settled = lines_to_auto_reject((held,), KINGS_DAY_WEEK, date(2026, 5, 1), 2)
    assert [(o.line.reference, o.status, o.codes) for o in settled] == [("R1", Status.APPROVED, ())]


def test_margin_beyond_the_deadline_is_refused():
    with pytest.raises(ValueError):
        auto_reject_on(KINGS_DAY_WEEK, 11)
