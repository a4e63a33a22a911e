"""The region's ledger with its municipalities and the equalisation (issue 17, item 4)."""

from datetime import date
from fractions import Fraction

from services.payments.domain import ledger
from services.payments.domain.lump_sums import LumpSumTerms, ScheduleLumpSums, decide_schedule_lump_sums
from services.payments.domain.shares import split

from tests.unit.payments.builders import FINANCE, booked, given, line

LUMP = LumpSumTerms("linde", "C9", "87650000", None, "lump_sum", date(2026, 1, 1), date(2026, 12, 31), 1, 9_000,
                    {"0193": Fraction(2, 3), "0150": Fraction(1, 3)})


def book_with_care_and_a_lump_sum():
    book = booked(line("L1", 10_000), line("L2", -2_000, credited_line_id="L1"),
                  line("D1", 7_000, municipality="0150", period_start=date(2026, 2, 1)),
                  line("I1", 50_000, lump_sum="linde"),           # information: not spending
                  line("A1", 3_000, contract_pays_advances=True))  # offset against advances: still care
    return given(book, decide_schedule_lump_sums, ScheduleLumpSums(LUMP, date(2026, 1, 31), "fin-1", FINANCE))


def test_spending_counts_care_and_lump_sum_shares_but_not_information_lines():
    spent = ledger.spending(book_with_care_and_a_lump_sum(), 2026)
    by = {(s.municipality, s.kind): 0 for s in spent}
    for s in spent:
        by[(s.municipality, s.kind)] += s.amount
    assert by == {("0193", "care"): 11_000, ("0150", "care"): 7_000,
                  ("0193", "lump_sums"): 6_000, ("0150", "lump_sums"): 3_000}


def test_ledger_months_run_contributions_against_spending_cumulatively():
    spent = ledger.spending(book_with_care_and_a_lump_sum(), 2026)
    rows = ledger.ledger_months("0193", 2026, 20_000, spent, as_of=date(2026, 2, 15))
    assert [(r.month, r.contributions, r.spending, r.balance) for r in rows] == [
        (date(2026, 1, 1), 20_000, 17_000, 3_000), (date(2026, 2, 1), 20_000, 0, 23_000)]


def test_equalisation_shares_the_total_by_the_key_and_every_ledger_closes_to_zero():
    spent = ledger.spending(book_with_care_and_a_lump_sum(), 2026)
    key = {"0193": Fraction(1, 3), "0150": Fraction(1, 3), "0148": Fraction(1, 3)}
    found = ledger.equalisation(2026, key, {"0193": 20_000, "0150": 5_000, "0148": 1_000}, spent, date(2026, 2, 28))
    assert [s.cost_share for s in found] == [9_000, 9_000, 9_000]  # 27.000 spent in all
    assert sum(s.equalisation for s in found) == 0
    for s in found:
        assert s.contributions - s.spending - s.equalisation - s.settlement == 0
    assert {s.municipality: s.settlement for s in found} == {"0148": 2_000 - 9_000, "0150": 10_000 - 9_000,
                                                             "0193": 40_000 - 9_000}


def test_a_split_never_gains_or_loses_a_cent():
    shares = {"a": Fraction(1, 3), "b": Fraction(1, 3), "c": Fraction(1, 3)}
    assert split(100, shares) == {"a": 34, "b": 33, "c": 33}
    assert split(-100, shares) == {"a": -34, "b": -33, "c": -33}
    assert sum(split(1_234_567, {"x": Fraction(7, 11), "y": Fraction(4, 11)}).values()) == 1_234_567
