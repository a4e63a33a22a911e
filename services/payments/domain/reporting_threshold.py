"""The reporting threshold (verantwoordingsgrens) the council sets for the lawfulness statement:
errors and uncertainties at or above it are named in the statement. The region file's policy sets
it region-wide (`reporting_threshold`) and per municipality (`reporting_thresholds`, which win),
each either a percentage of what the municipality paid in the year (at most 3 %, as the BBV
allows) or a fixed amount in eurocents.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import Any

from services.payments.domain.rounding import round_half_up


@dataclass(frozen=True)
class Threshold:
    amount: int
    percent: Decimal | None = None
    """Set when the threshold is a share of what was paid; None for a fixed amount."""


def threshold_of(policy: Mapping[str, Any], municipality: str, paid: int) -> Threshold | None:
    chosen = (policy.get("reporting_thresholds") or {}).get(municipality) or policy.get("reporting_threshold")
    if not chosen:
        return None
    if chosen.get("percent") is not None:
        percent = Decimal(str(chosen["percent"]))
        return Threshold(round_half_up(Fraction(percent) * max(paid, 0) / 100), percent)
    return Threshold(int(chosen["amount"]))
