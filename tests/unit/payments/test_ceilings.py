import pytest

from services.payments.domain.ceilings import (
    Ceiling, decide_record_usage, decide_record_usages, decide_set_ceiling, evolve, fold, usage_report,
    warning_thresholds,
)
from services.payments.domain.errors import PaymentsError
from services.payments.domain.commands import RecordCeilingUsage, SetCeiling
from services.payments.domain.events import CeilingOverdrawn, CeilingThresholdCrossed

from tests.unit.payments.builders import NOW


def ceiling_of(amount: int = 100_000, warn_at: tuple[int, ...] = (80, 95)) -> Ceiling:
    return fold(decide_set_ceiling(SetCeiling("C1", "87654321", 2026, amount, warn_at),
                                   Ceiling(), NOW))


def record(ceiling: Ceiling, line_id: str, amount: int, status: str = "approved"):
    events = decide_record_usage(RecordCeilingUsage("C1", 2026, line_id, status, amount),
                                 ceiling, NOW)
    for event in events:
        ceiling = evolve(ceiling, event)
    return ceiling, events[1:]


def test_usage_counts_approved_and_held_lines():
    c, _ = record(ceiling_of(), "L1", 30_000)
    c, _ = record(c, "L2", 20_000, "held")
    assert (c.approved, c.held, c.used) == (30_000, 20_000, 50_000)


def test_each_threshold_is_announced_once_when_first_reached():
    c, announced = record(ceiling_of(), "L1", 80_000)
    assert [(type(e), e.percent) for e in announced] == [(CeilingThresholdCrossed, 80)]
    c, announced = record(c, "L2", 1_000)
    assert announced == []


def test_op_rood_is_announced_at_one_hundred_percent():
    c, announced = record(ceiling_of(), "L1", 100_000)
    assert [getattr(e, "percent", 100) for e in announced] == [80, 95, 100]
    assert isinstance(announced[-1], CeilingOverdrawn)


def test_threshold_reached_again_after_usage_fell_is_not_announced_again():
    c, _ = record(ceiling_of(), "L1", 85_000, "held")
    c, _ = record(c, "L1", 0, "released")
    c, announced = record(c, "L2", 85_000)
    assert announced == []


def test_thresholds_are_configurable():
    c, announced = record(ceiling_of(warn_at=(50,)), "L1", 60_000)
    assert [e.percent for e in announced] == [50]


def test_held_line_approved_later_is_not_counted_twice():
    c, _ = record(ceiling_of(), "L1", 60_000, "held")
    c, _ = record(c, "L1", 60_000)
    assert (c.approved, c.held, c.used) == (60_000, 0, 60_000)


def test_a_held_line_rejected_later_is_released_and_counts_no_more():
    c, _ = record(ceiling_of(), "L1", 60_000, "held")
    c, _ = record(c, "L1", 0, "released")
    assert (c.held, c.used) == (0, 0)


def test_only_a_held_line_is_released():
    c, _ = record(ceiling_of(), "L1", 60_000)  # approved: a later release does not take it back
    assert decide_record_usage(RecordCeilingUsage("C1", 2026, "L1", "released", 0), c, NOW) == []
    never_counted = RecordCeilingUsage("C1", 2026, "L9", "released", 0)
    assert decide_record_usages([never_counted], c, NOW) == []


def test_warning_thresholds_come_from_the_region_policy_and_are_checked():
    assert warning_thresholds({}) == (70, 95)  # CS Jeugd: warned at 70 %
    assert warning_thresholds({"ceiling_warn_at": [90, 50, 90]}) == (50, 90)
    for wrong in ([0], [100], ["80"], 80, [True]):
        with pytest.raises(PaymentsError, match="ceiling_warn_at"):
            warning_thresholds({"ceiling_warn_at": wrong})


def test_lowered_ceiling_announces_what_usage_already_reaches():
    c, _ = record(ceiling_of(), "L1", 50_000)
    events = decide_set_ceiling(SetCeiling("C1", "87654321", 2026, 50_000), c, NOW)
    assert [type(e).__name__ for e in events][-1] == "CeilingOverdrawn"


def test_recorded_usage_is_idempotent_per_line_and_status():
    c, _ = record(ceiling_of(), "L1", 10_000)
    again = RecordCeilingUsage("C1", 2026, "L1", "approved", 10_000)
    assert decide_record_usage(again, c, NOW) == []


def test_ceiling_usage_report_per_provider():
    c, _ = record(ceiling_of(), "L1", 96_000)
    (row,) = usage_report([c])
    assert (row.provider, row.used, row.percent, row.state) == ("87654321", 96_000, 96, "warning")


def test_exempt_lines_count_for_nothing_under_the_ceiling_and_are_reported_beside_it():
    c, announced = record(ceiling_of(), "L1", 150_000, "exempt")
    assert (c.used, c.exempt, announced) == (0, 150_000, [])
    c, announced = record(c, "L2", 70_000, "held")
    c, _ = record(c, "L2", 70_000, "exempt")  # held at receipt, approved as exempt
    (row,) = usage_report([c])
    assert (row.used, row.held, row.exempt, row.state) == (0, 0, 220_000, "ok")
    assert decide_record_usages([RecordCeilingUsage("C1", 2026, "L3", "exempt", 1)], c, NOW)[1:] == []
