"""Referral monitoring: allocations by referrer type per municipality (design.md §6).

Facts come from JW301 (Verwijzer) and JW315 data; one allocation counts once, in the year it
was first issued, whatever later versions say.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from services.payments.domain.rounding import percent_of

REFERRER_TYPES = {  # TypeVerwijzer, COD327 (ijw-3.2.md §10.4)
    "01": "gemeente",
    "02": "huisarts",
    "03": "jeugdarts",
    "04": "gecertificeerde instelling",
    "05": "medisch specialist",
    "06": "zelfverwijzer",
    "08": "rechter / OvJ / JJI",
}


@dataclass(frozen=True)
class Referral:
    municipality: str
    allocation_id: str
    referrer_type: str
    issued_on: date


@dataclass(frozen=True)
class ReferralCount:
    municipality: str
    referrer_type: str
    label: str
    allocations: int
    percent: int
    """Share of the municipality's allocations that year, whole percent half-up."""


def referrals_by_type(referrals: Iterable[Referral], year: int) -> tuple[ReferralCount, ...]:
    first: dict[tuple[str, str], Referral] = {}
    for r in sorted(referrals, key=lambda r: r.issued_on):
        first.setdefault((r.municipality, r.allocation_id), r)
    counted = Counter(
        (r.municipality, r.referrer_type) for r in first.values() if r.issued_on.year == year
    )
    per_municipality: Counter[str] = Counter()
    for (municipality, _), n in counted.items():
        per_municipality[municipality] += n
    return tuple(
        ReferralCount(m, t, REFERRER_TYPES.get(t, "onbekend"), n,
                      percent_of(n, per_municipality[m]))
        for (m, t), n in sorted(counted.items())
    )
