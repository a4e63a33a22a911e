"""How lines and allocation versions are kept in the read models (JSON columns) and read back."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, time
from functools import lru_cache
from typing import Any

from services.invoicing.domain.allocation import AllocationVersion, Extent, Frequency
from services.invoicing.domain.contract import Tariff
from services.invoicing.domain.declaration import DebitCredit, Line, Period, Unit
from services.invoicing.domain.outcome import AllocationRef, CeilingCheck


def line_from_json(raw: dict[str, Any]) -> Line:
    return Line(
        reference=raw["reference"], previous_reference=raw["previous_reference"],
        allocation_number=raw["allocation_number"], category=raw["category"], code=raw["code"],
        period=Period(date.fromisoformat(raw["begin"]), date.fromisoformat(raw["end"])), volume=raw["volume"],
        unit=Unit(raw["unit"]), tariff=raw["tariff"], amount=raw["amount"],
        debit_credit=DebitCredit(raw["debit_credit"]),
    )


def version_to_json(version: AllocationVersion) -> dict[str, Any]:
    extent = version.extent
    return {
        "category": version.category, "code": version.code, "start": version.start.isoformat(),
        "end": version.end.isoformat() if version.end else None, "reason": version.reason,
        "extent": None if extent is None else {"volume": extent.volume, "unit": extent.unit.value,
                                               "frequency": extent.frequency.value},
        "budget": version.budget, "referrer_type": version.referrer_type,
    }


def version_from_json(decided_on: date, decided_at: str, raw: dict[str, Any],
                      same: Callable[[Any], Any] = lambda value: value) -> AllocationVersion:
    """Read once per allocation a declaration names (100,000 for the memory bench's JW323); `same`
    gives equal values one object (their dates and product codes repeat, see context.py)."""
    extent, end = raw.get("extent"), raw.get("end")
    return AllocationVersion(
        same(decided_on), same(time.fromisoformat(decided_at)), same(raw["category"]), same(raw["code"]),
        same(date.fromisoformat(raw["start"])), same(date.fromisoformat(end)) if end else None, raw.get("reason"),
        None if extent is None else _extent(extent["volume"], extent["unit"], extent["frequency"]),
        raw.get("budget"), same(raw.get("referrer_type")),
    )


@lru_cache(maxsize=4096)
def _extent(volume: int, unit: str, frequency: str) -> Extent:
    """One (immutable) Extent for the many allocations of the same Omvang."""
    return Extent(volume, Unit(unit), Frequency(frequency))


def basis_of(raw: dict[str, Any]) -> tuple[AllocationRef | None, Tariff | None, CeilingCheck | None]:
    """The allocation version, tariff and ceiling a line was compared with, from its stored basis."""
    allocation = None if not raw.get("allocation_decided_on") else AllocationRef(
        raw["allocation_number"], date.fromisoformat(raw["allocation_decided_on"]),
        time.fromisoformat(raw["allocation_decided_at"]), bool(raw.get("allocation_deleted")),
        raw.get("allocation_referrer_type"))
    tariff = None if raw.get("tariff_cents") is None else Tariff(
        raw["tariff_code"], Unit(raw["tariff_unit"]), raw["tariff_cents"], date.fromisoformat(raw["tariff_valid_from"]))
    ceiling = None if not raw.get("ceiling_contract") else CeilingCheck(
        raw["ceiling_contract"], raw["ceiling_year"], raw["ceiling_amount"], raw["ceiling_used"])
    return allocation, tariff, ceiling
