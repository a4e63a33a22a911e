"""What the generator is asked for: the size of the traffic and how often providers err."""

from __future__ import annotations

from dataclasses import dataclass, field, fields, replace
from datetime import date
from pathlib import Path

DEMO_REGION = Path(__file__).resolve().parents[2] / "examples" / "regions" / "ijsselland.toml"


@dataclass(frozen=True)
class ErrorRates:
    """Share of declaration lines carrying each kind of mistake (defaults look like reality).

    missing_allocation  the line names a ToewijzingNummer the gemeente never issued (9338)
    expired_allocation  the line runs past the allocation's Einddatum (9308 with 9388 or 9321)
    wrong_tariff        an old tariff (0611) or a miscalculated amount (9346)
    volume_overrun      more than the allocation's Omvang allows (9321 and/or 9322)
    duplicate           an approved line sent again in a later message (9389)
    correction          an approved line credited and declared again in a later message (§12.7)
    """

    missing_allocation: float = 0.03
    expired_allocation: float = 0.02
    wrong_tariff: float = 0.02
    volume_overrun: float = 0.02
    duplicate: float = 0.01
    correction: float = 0.01

    def __post_init__(self) -> None:
        for f in fields(self):
            if not 0.0 <= getattr(self, f.name) <= 1.0:
                raise ValueError(f"error rate {f.name} must lie between 0 and 1")
        if self.missing_allocation + self.wrong_tariff + self.volume_overrun > 1.0:
            raise ValueError("missing_allocation + wrong_tariff + volume_overrun may not exceed 1")
        if self.duplicate + self.correction > 1.0:
            raise ValueError("duplicate + correction may not exceed 1")

    def scaled(self, factor: float) -> ErrorRates:
        return replace(self, **{f.name: min(1.0, getattr(self, f.name) * factor) for f in fields(self)})

    @staticmethod
    def none() -> ErrorRates:
        return ErrorRates(0, 0, 0, 0, 0, 0)


@dataclass(frozen=True)
class GeneratorOptions:
    """`clients` is the average per municipality; larger municipalities (by budget) get more."""

    municipalities: int | None = None
    providers: int | None = None
    clients: int = 380
    months: int = 1
    first_month: date = date(2026, 3, 1)
    error_rates: ErrorRates = field(default_factory=ErrorRates)
    seed: int = 1

    def __post_init__(self) -> None:
        if self.clients < 1 or self.months < 1:
            raise ValueError("clients and months must be at least 1")
        if self.first_month.day != 1:
            raise ValueError("first_month must be the first day of a month")
        for name in ("municipalities", "providers"):
            value = getattr(self, name)
            if value is not None and value < 1:
                raise ValueError(f"{name} must be at least 1")
