"""How lines and allocation versions are kept in the read models (JSON columns) and read back."""

from __future__ import annotations

from datetime import date, time
from typing import Any

from services.invoicing.domain.allocation import AllocationVersion, Extent, Frequency
from services.invoicing.domain.declaration import DebitCredit, Line, Period, Unit


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
        "budget": version.budget,
    }


def version_from_json(decided_on: date, decided_at: str, raw: dict[str, Any]) -> AllocationVersion:
    extent = raw.get("extent")
    return AllocationVersion(
        decided_on=decided_on, decided_at=time.fromisoformat(decided_at), category=raw["category"],
        code=raw["code"], start=date.fromisoformat(raw["start"]),
        end=date.fromisoformat(raw["end"]) if raw.get("end") else None, reason=raw.get("reason"),
        extent=None if extent is None else Extent(extent["volume"], Unit(extent["unit"]),
                                                  Frequency(extent["frequency"])),
        budget=raw.get("budget"),
    )
