"""Value objects and code lists shared by the allocation service's aggregates.

Formats and code lists follow ijw-3.2.md §3.3 (data types) and §10 (code lists). Payload helpers
turn the values into JSON-ready dicts (dates as ISO strings, money as integer eurocents).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from stdnum.nl import bsn as _bsn

from services.allocation.domain.errors import RuleViolation

UNITS = frozenset({"01", "04", "14", "16", "82", "83", "84"})  # WJ756
OUTPUT_UNITS = frozenset({"82", "83"})
FREQUENCIES = frozenset({"1", "2", "4", "6"})  # WMO757
PER_WEEK = "2"
TOTAL_IN_PERIOD = "6"
CATEGORIES = frozenset({f"{n}" for n in range(31, 39)} | {f"{n}" for n in range(40, 56)})  # JZ020
CHANGE_REASONS = frozenset(f"{n:02d}" for n in range(1, 15))  # JZ002
REASON_DELETED = "13"
REASON_OBSOLETE = "01"
REASON_EXTENSION = "04"
REASON_BY_PROVIDER = "12"
REFERRER_TYPES = frozenset({"01", "02", "03", "04", "05", "06", "08"})  # COD327
MAX_AMOUNT = 99_999_999  # LDT_Volume, LDT_Budget, LDT_Bedrag
MAX_NUMBER = 999_999_999  # LDT_Nummer


@dataclass(frozen=True)
class Product:
    """Categorie plus optional Code; an allocation without a Product is generiek."""

    category: str
    code: str | None = None

    def to_payload(self) -> dict[str, Any]:
        return {"category": self.category, "code": self.code}

    @classmethod
    def from_payload(cls, raw: dict[str, Any] | None) -> Product | None:
        return None if raw is None else cls(raw["category"], raw.get("code"))


def same_product(a: Product | None, b: Product | None) -> bool:
    """OP259's notion of "the same product": same code, or same category where one has no
    code; a generic allocation (no product) clashes with everything."""
    if a is None or b is None:
        return True
    if a.category != b.category:
        return False
    return a.code is None or b.code is None or a.code == b.code


@dataclass(frozen=True)
class Extent:
    """Omvang: Volume in Eenheid per Frequentie."""

    volume: int
    unit: str
    frequency: str

    def to_payload(self) -> dict[str, Any]:
        return {"volume": self.volume, "unit": self.unit, "frequency": self.frequency}

    @classmethod
    def from_payload(cls, raw: dict[str, Any] | None) -> Extent | None:
        return None if raw is None else cls(int(raw["volume"]), raw["unit"], raw["frequency"])


@dataclass(frozen=True)
class Period:
    """A date range with an inclusive end; `end=None` is open-ended."""

    start: date
    end: date | None = None

    def overlaps(self, other: Period) -> bool:
        starts_before_other_ends = other.end is None or self.start <= other.end
        ends_after_other_starts = self.end is None or self.end >= other.start
        return starts_before_other_ends and ends_after_other_starts

    def contains(self, day: date) -> bool:
        return self.start <= day and (self.end is None or day <= self.end)


def iso(day: date | None) -> str | None:
    return None if day is None else day.isoformat()


def from_iso(text: str | None) -> date | None:
    return None if text is None else date.fromisoformat(text)


def check_bsn(value: str) -> None:
    # CS002: nine digits passing the eleven-test (LDT_BurgerServicenummer).
    if len(value) != 9 or not _bsn.is_valid(value):
        raise RuleViolation("CS002", f"BSN {value!r} fails the eleven-test", "0001")


def check_agb(value: str) -> None:
    if len(value) != 8 or not value.isdigit():
        raise RuleViolation("LDT_AgbCode", f"AGB code {value!r} is not 8 digits", "0001")


def check_municipality(value: str) -> None:
    if len(value) != 4 or not value.isdigit():
        raise RuleViolation("LDT_Gemeente", f"gemeentecode {value!r} is not 4 digits", "0001")


def check_product(product: Product | None) -> None:
    if product is None:
        return
    if product.category not in CATEGORIES:
        raise RuleViolation("LDT_ProductCategorie", f"unknown category {product.category!r}", "0001")
    if product.code is not None and not 1 <= len(product.code.strip()) <= 5:
        raise RuleViolation("LDT_ProductCode", f"product code {product.code!r} must be 1-5 characters",
                            "0001")


def check_amount(value: int, what: str) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= MAX_AMOUNT:
        raise RuleViolation("LDT_Bedrag", f"{what} must be an integer 0..{MAX_AMOUNT}", "0001")
