"""Splitting an amount over municipalities by shares, to the eurocent (issue 17).

Largest remainder (Hamilton): each municipality gets its share rounded down, and the cents left
go one each to the largest remainders (ties by gemeentecode), so the parts always sum to the
amount exactly — a lump sum or the region's total cost never gains or loses a cent in the split.
"""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction


def normalised(weights: Mapping[str, Fraction | int]) -> dict[str, Fraction]:
    """Weights (percentages, inhabitants, budgets) as fractions of their sum."""
    total = sum(weights.values(), Fraction(0))
    if total <= 0:
        raise ValueError("shares need a positive total")
    return {code: Fraction(w) / total for code, w in weights.items()}


def split(amount: int, shares: Mapping[str, Fraction]) -> dict[str, int]:
    """`amount` (signed eurocents) by `shares` (fractions summing to 1)."""
    sign, whole = (-1 if amount < 0 else 1), abs(amount)
    exact = {code: whole * share for code, share in shares.items()}
    parts = {code: int(value) for code, value in exact.items()}  # floor: values are non-negative
    left = whole - sum(parts.values())
    for code in sorted(exact, key=lambda c: (-(exact[c] - parts[c]), c))[:left]:
        parts[code] += 1
    return {code: sign * cents for code, cents in sorted(parts.items())}
