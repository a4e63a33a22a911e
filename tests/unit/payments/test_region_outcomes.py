"""Issue 17's payments rules, one test per rule: subcontracting, lots, harmonisation, indicators,
the score file and outcome clauses."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime
from decimal import Decimal
from fractions import Fraction

import pytest

from services.payments.domain.book import Book, fold
from services.payments.domain.harmonisation import Delivered, TariffInForce, harmonisation, median
from services.payments.domain.outcome_clauses import (AlreadySettled, Clause, Measurement, NoClauses, PeriodOpen,
                                                       SettleOutcomes, amount_for, decide_settle_outcomes)
from services.payments.domain.outcome_measures import reported
from services.payments.domain.outcome_periods import parse_period
from services.payments.domain.outcome_scores import read_scores
from services.payments.domain.outcomes import AllocationStart, Trajectory, cases
from services.payments.domain.subcontracting import OWN, SpentLine, Subcontracting, spending

NOW = datetime(2027, 1, 10, tzinfo=UTC)
YEAR = parse_period("2026")
HEADER = "aanbieder;product;periode;tevredenheid;doelrealisatie;respondenten\n"


def test_a_line_of_a_product_given_to_a_subcontractor_is_its_care_and_the_rest_the_main_contractors():
    terms = {"C1": Subcontracting("C1", "98000001", {"45A03": "98100011"}, {"98100011": "Salland"})}
    rows = spending([SpentLine("0193", "98000001", "C1", "45A03", 100), SpentLine("0193", "98000001", "C1", "45A01", 7),
                     SpentLine("0193", "98000002", "C2", "45A03", 50)], terms)
    assert [(r.deliverer, r.deliverer_name, r.realised) for r in rows] == [("98000001", OWN, 7), ("98100011", "Salland", 100)]


def test_the_median_of_an_even_count_is_rounded_half_up_to_whole_cents():
    assert (median([7850, 7851]), median([1, 9, 5])) == (7851, 5)


def test_minutes_are_priced_at_the_regional_hour_tariff():
    tariffs = [TariffInForce("45A01", c, "9800000" + c[-1], frozenset(), cents, "04")
               for c, cents in (("C1", 6000), ("C2", 9000))]
    (row,) = harmonisation(tariffs, [Delivered("45A01", "01", 90, 90 * 100)], {})
    assert (row.regional, row.actual, row.at_regional) == (7500, 9000, 11250)


def trajectory(number: int, reason: str, end: date = date(2026, 3, 31), client: str = "P1") -> Trajectory:
    return Trajectory("0193", number, client, "98000001", "45A01", date(2026, 1, 1), end, reason)


def test_a_stop_other_than_according_to_plan_is_dropout_and_death_or_a_pause_is_no_outcome():
    found = cases([trajectory(1, "31"), trajectory(2, "33"), trajectory(3, "02"), trajectory(4, "20")], [], 180,
                  date(2026, 12, 1))
    assert [(c.trajectory.allocation_number, c.dropout) for c in found] == [(1, False), (2, True)]


def test_a_new_allocation_within_the_period_after_a_stop_is_reentry_and_an_open_window_is_unknown():
    starts = [AllocationStart("P1", "0193", 9, date(2026, 6, 1))]
    found = cases([trajectory(1, "31"), trajectory(2, "31", date(2026, 11, 30), client="P2")], starts, 180,
                  date(2026, 12, 1))
    assert [c.reentry for c in found] == [True, None]


def test_a_score_file_names_every_problem_and_gives_no_scores():
    scores, problems = read_scores(HEADER + "98000001;;2026;10,5;;1\n98000001;;2026;7;;0\n98000001;;2026-K1;;;4\n",
                                   frozenset({"98000001"}), frozenset())
    assert scores == () and [(p.line, p.field, p.value) for p in problems] == [
        (2, "tevredenheid", "10,5"), (3, "respondenten", "0"), (4, "tevredenheid", None)]
    assert [p.rule for p in problems] == ["HF-OUTCOME-RANGE", "HF-OUTCOME-RANGE", "HF-OUTCOME-NO-SCORE"]


def test_a_score_file_keeps_values_in_tenths():
    scores, problems = read_scores("\ufeff" + HEADER + "98000001;;2026-K2;7,8;82,5;41\n", frozenset({"98000001"}),
                                   frozenset())
    assert problems == () and (scores[0].satisfaction, scores[0].goal_attainment, scores[0].period.label) == (
        78, 825, "2026-K2")


def clause(indicator: str = "dropout", bonus: int | None = None, malus: int | None = 1000, min_cases: int = 1) -> Clause:
    return Clause("C1", "k", indicator, "98000001", "regio", "year", Decimal("15"), bonus, malus, min_cases)


def test_dropout_above_the_threshold_is_a_malus_and_at_it_nothing():
    assert amount_for(clause(), Measurement(Fraction(16), 10)) == -1000
    assert amount_for(clause(), Measurement(Fraction(15), 10)) == 0


def test_a_satisfaction_bonus_needs_the_score_and_enough_cases():
    happy = replace(clause("satisfaction", bonus=500, malus=None, min_cases=20), threshold=Decimal("7.5"))
    assert amount_for(happy, Measurement(Fraction(8), 20)) == 500
    assert amount_for(happy, Measurement(Fraction(8), 19)) == 0


def test_a_providers_own_row_wins_over_its_products_and_products_weigh_by_respondents():
    scores, _ = read_scores(HEADER + "98000001;45A01;2026;8;;10\n98000001;45A03;2026;6;;30\n",
                            frozenset({"98000001"}), frozenset({"45A01", "45A03"}))
    assert reported("98000001", "satisfaction", scores) == Measurement(Fraction(13, 2), 40)


def test_a_clause_is_settled_once_per_period_and_an_open_period_is_refused():
    command = SettleOutcomes(YEAR, ((clause(), Measurement(Fraction(20), 5)),), date(2027, 1, 10), "financien")
    decided = decide_settle_outcomes(command, Book(), NOW)
    book = fold(decided)
    assert [(i.kind, i.amount) for i in book.items.values()] == [("malus", -1000)]
    with pytest.raises(AlreadySettled, match="HF-OUTCOME-SETTLED"):
        decide_settle_outcomes(command, book, NOW)
    with pytest.raises(PeriodOpen):
        decide_settle_outcomes(SettleOutcomes(YEAR, (), date(2026, 12, 31), "financien"), Book(), NOW)


def test_a_clause_added_after_the_period_was_settled_is_settled_on_its_own():
    first = SettleOutcomes(YEAR, ((clause(), Measurement(Fraction(20), 5)),), date(2027, 1, 10), "financien")
    book = fold(decide_settle_outcomes(first, Book(), NOW))
    later = replace(first, measured=(*first.measured, (replace(clause(), clause_id="k2"), Measurement(Fraction(20), 5))))
    assert [e.clause_id for e in decide_settle_outcomes(later, book, NOW)] == ["k2"]


def test_a_period_no_clause_is_measured_over_is_refused():
    quarter = parse_period("2026-K1")
    command = SettleOutcomes(quarter, ((clause(), Measurement(Fraction(20), 5)),), date(2027, 1, 10), "financien")
    with pytest.raises(NoClauses, match="HF-OUTCOME-NO-CLAUSE"):
        decide_settle_outcomes(command, Book(), NOW)
