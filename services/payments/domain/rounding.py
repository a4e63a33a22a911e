"""Half-up rounding of exact amounts to whole eurocents (ijw-3.2.md §12.6): never binary floats."""

from fractions import Fraction


def round_half_up(value: Fraction | int) -> int:
    """Round an exact value half away from zero (1.5 → 2, −1.5 → −2), as amounts are rounded."""
    value = Fraction(value)
    magnitude = (abs(value.numerator) * 2 + value.denominator) // (2 * value.denominator)
    return magnitude if value >= 0 else -magnitude


def percent_of(part: int, whole: int) -> int:
    """`part` as a whole percentage of `whole`, half-up; 0 when there is no whole."""
    return round_half_up(Fraction(part * 100, whole)) if whole else 0
