from datetime import date

from services.payments.domain.budget import BudgetLine, Realised, budget_report, budget_reports
from services.payments.domain.commitments import AllocationTerms
from services.payments.domain.units import Tariff

LINE = BudgetLine("0193", 2026, "ambulant", 10_000_000)


def realised(month: int, amount: int, budget_line: str = "ambulant", municipality: str = "0193"):
    return Realised(municipality, budget_line, date(2026, month, 1), amount)


def monthly(budget_line: str = "ambulant", volume: int = 10) -> AllocationTerms:
    return AllocationTerms("A1", "0193", "87654321", budget_line, date(2026, 1, 1), None, "04", 4,
                           volume, Tariff(7_000, "04"))


def test_realised_counts_approved_amounts_of_the_budget_line_net_of_credits():
    facts = [realised(1, 300_000), realised(2, 200_000), realised(2, -50_000),
             realised(2, 999_999, "ggz"), realised(2, 999_999, municipality="0148")]
    report = budget_report(LINE, facts, [], as_of=date(2026, 7, 15))
    assert report.realised == 450_000
    assert [m.realised for m in report.months[:2]] == [300_000, 150_000]


def test_committed_starts_in_the_current_month():
    report = budget_report(LINE, [], [monthly(), monthly("ggz")], as_of=date(2026, 7, 15))
    assert [m.committed for m in report.months] == [0] * 6 + [70_000] * 6
    assert report.committed == 420_000


def test_forecast_is_realised_plus_committed_and_runs_cumulatively():
    report = budget_report(LINE, [realised(1, 100_000)], [monthly()], as_of=date(2026, 12, 3))
    assert report.forecast == 170_000
    assert report.months[-1].forecast_to_date == 170_000
    assert report.remaining == 10_000_000 - 170_000
    assert report.exhaustion_percent == 2


def test_run_rate_projects_complete_months_to_year_end():
    facts = [realised(m, 100_000 + m) for m in range(1, 7)]
    report = budget_report(LINE, facts, [], as_of=date(2026, 7, 15))
    assert report.run_rate == 1_200_042  # (600 000 + 21) × 12 / 6


def test_run_rate_rounds_half_up_and_is_absent_before_a_month_is_over():
    facts = [realised(1, 1), realised(2, 0), realised(3, 0), realised(4, 0), realised(5, 0),
             realised(6, 0), realised(7, 0)]
    assert budget_report(LINE, facts, [], as_of=date(2026, 8, 1)).run_rate == 2  # 12/7 = 1.71
    assert budget_report(LINE, facts, [], as_of=date(2026, 1, 20)).run_rate is None


def test_exhaustion_per_municipality_has_a_report_per_budget_line():
    ggz = BudgetLine("0193", 2026, "ggz", 5_000_000)
    facts = [realised(1, 100), realised(1, 200, "ggz")]
    reports = budget_reports([LINE, ggz], iter(facts), iter([]), as_of=date(2026, 3, 1))
    assert [(r.line.name, r.realised) for r in reports] == [("ambulant", 100), ("ggz", 200)]


def test_held_lines_are_pending_beside_realised_and_not_in_the_forecast():
    held = Realised("0193", "ambulant", date(2026, 2, 1), 80_000, pending=True)
    report = budget_report(LINE, [realised(2, 100_000), held], [], as_of=date(2026, 7, 15))
    assert (report.realised, report.pending, report.forecast) == (100_000, 80_000, 100_000)
    assert [m.pending for m in report.months[:3]] == [0, 80_000, 0]
