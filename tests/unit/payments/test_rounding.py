from fractions import Fraction

from services.payments.domain.rounding import percent_of, round_half_up


def test_half_cents_round_away_from_zero():
    assert round_half_up(Fraction(11083, 1) + Fraction(1, 3)) == 11083
    assert round_half_up(Fraction(5, 2)) == 3
    assert round_half_up(Fraction(-5, 2)) == -3
    assert round_half_up(Fraction(7000 * 95, 60)) == 11083  # ijw-3.2.md §12.6 example


def test_percent_of_is_half_up_and_zero_without_whole():
    assert percent_of(795, 1000) == 80
    assert percent_of(794, 1000) == 79
    assert percent_of(5, 0) == 0
