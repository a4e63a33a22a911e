"""The contract between a gemeente and a provider as the matcher needs it: tariffs per product."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

from services.invoicing.domain.declaration import Period, Unit


@dataclass(frozen=True)
class Tariff:
    code: str  # ProductCode
    unit: Unit  # the unit the price is per
    cents: int
    valid_from: date
    valid_to: date | None = None

    @property
    def validity(self) -> Period:
        return Period(self.valid_from, self.valid_to or date.max)


@dataclass(frozen=True)
class ContractView:
    tariffs: tuple[Tariff, ...] = ()
    catalogue: Mapping[str, str] = field(default_factory=dict)
    """ProductCode → ProductCategorie of the product code list in use (TR381)."""
    _by_key: Mapping[tuple[str, Unit], tuple[Tariff, ...]] = field(init=False, repr=False, compare=False)
    _units: Mapping[str, frozenset[Unit]] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        by_key: dict[tuple[str, Unit], list[Tariff]] = {}
        for tariff in self.tariffs:
            by_key.setdefault((tariff.code, tariff.unit), []).append(tariff)
        for key, versions in by_key.items():
            versions.sort(key=lambda t: t.valid_from)
            for earlier, later in zip(versions, versions[1:]):
                if later.valid_from <= earlier.validity.end:
                    raise ValueError(f"overlapping tariffs for {key}")
        units: dict[str, set[Unit]] = {}
        for code, unit in by_key:
            units.setdefault(code, set()).add(unit)
        object.__setattr__(self, "_by_key", {k: tuple(v) for k, v in by_key.items()})
        object.__setattr__(self, "_units", {k: frozenset(v) for k, v in units.items()})

    def tariff(self, code: str, unit: Unit, period: Period) -> Tariff | None:
        """The tariff for `code` per `unit` whose validity covers the whole delivery period."""
        for candidate in self._by_key.get((code, unit), ()):
            # `candidate.validity.covers(period)`, without building the validity for every line
            ends = candidate.valid_to
            if candidate.valid_from <= period.begin and (ends is None or period.end <= ends):
                return candidate
        return None

    def units_for(self, code: str) -> frozenset[Unit]:
        return self._units.get(code, frozenset())
