"""The allocation (toewijzing) as it stood when a declaration is matched: every received version.

The effective version is the one with the latest Toewijzingsdatum + Toewijzingstijd (IV013); the
order in which versions arrived carries no meaning (OP080), so the view never keeps it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, time
from enum import StrEnum

from services.invoicing.domain.declaration import Period, Unit

DELETED = "13"  # RedenWijziging 13 Verwijderd (JZ002): treat the allocation as never sent.


class Frequency(StrEnum):
    """Frequentie, code list WMO757 (ijw-3.2.md §10.2)."""

    PER_DAY = "1"
    PER_WEEK = "2"
    PER_MONTH = "4"
    TOTAL = "6"


@dataclass(frozen=True, slots=True)
class Extent:
    """Omvang: Volume + Eenheid + Frequentie."""

    volume: int
    unit: Unit
    frequency: Frequency


@dataclass(frozen=True, slots=True)
class AllocationVersion:
    decided_on: date  # Toewijzingsdatum
    decided_at: time  # Toewijzingstijd
    category: str | None  # Product/Categorie; None for a generic allocation
    code: str | None  # Product/Code; None for an aspecific or generic allocation
    start: date  # Ingangsdatum
    end: date | None  # Einddatum
    reason: str | None = None  # RedenWijziging
    extent: Extent | None = None  # Omvang
    budget: int | None = None  # Budget, eurocents
    referrer_type: str | None = None  # Verwijzer/Type (COD327); None in versions kept before it was

    @property
    def deleted(self) -> bool:
        return self.reason == DELETED  # TR384

    @property
    def period(self) -> Period:
        return Period(self.start, self.end or date.max)

    @property
    def stamp(self) -> tuple[date, time]:
        return (self.decided_on, self.decided_at)


@dataclass(frozen=True, slots=True)
class AllocationView:
    number: int  # ToewijzingNummer
    gemeente: str
    provider_agb: str
    bsn: str
    versions: tuple[AllocationVersion, ...]

    effective: AllocationVersion = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if not self.versions:
            raise ValueError(f"allocation {self.number} has no versions")
        object.__setattr__(self, "effective", _effective(self.versions))


def _effective(versions: tuple[AllocationVersion, ...]) -> AllocationVersion:
    # IV013: the latest Toewijzingsdatum + Toewijzingstijd wins. Versions stamped with the same
    # moment are ordered by their content, so the choice never depends on arrival (OP080).
    if len(versions) == 1:  # most allocations: never changed
        return versions[0]
    latest = max(version.stamp for version in versions)
    tied = [version for version in versions if version.stamp == latest]
    return tied[0] if len(tied) == 1 else max(tied, key=repr)
