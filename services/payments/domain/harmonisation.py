"""Tariff harmonisation (issue 17, item 5): per product, the tariffs in force on a month across
the region's contracts (each provider's contract, for the municipalities it covers), their
spread, and what the month's approved care would have cost at one regional tariff.

The regional tariff is the median of the tariffs in force (each contract's tariff counts once,
however many municipalities it covers: the region compares what it agreed, not where), unless
the region file sets one for the product. Money stays exact: a median of an even count and
minutes priced at an hour tariff are rounded half-up to whole eurocents once, per line."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from fractions import Fraction

from services.payments.domain.errors import UnitMismatch
from services.payments.domain.rounding import round_half_up
from services.payments.domain.units import Tariff, price_per_unit

MEDIAN, REGION_FILE = "mediaan", "regiobestand"


@dataclass(frozen=True)
class TariffInForce:
    code: str
    contract_id: str
    provider: str
    municipalities: frozenset[str]
    """Empty: the whole region."""
    cents: int
    unit: str


@dataclass(frozen=True)
class Delivered:
    """An approved line (a credit negative) of the month, as declared."""

    code: str
    unit: str
    volume: int
    amount: int


@dataclass(frozen=True)
class ProductHarmonisation:
    code: str
    unit: str
    tariffs: int
    lowest: int
    highest: int
    median: int
    regional: int
    source: str
    actual: int
    at_regional: int
    unpriced: int
    """Approved amounts of lines the regional tariff cannot price (another unit): left out of both."""

    @property
    def difference(self) -> int:
        return self.at_regional - self.actual


def median(values: Iterable[int]) -> int:
    ordered = sorted(values)
    if not ordered:
        raise ValueError("no values")
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return ordered[middle]
    return round_half_up(Fraction(ordered[middle - 1] + ordered[middle], 2))


def harmonisation(tariffs: Iterable[TariffInForce], delivered: Iterable[Delivered],
                  set_by_region: Mapping[str, int]) -> tuple[ProductHarmonisation, ...]:
    """One row per product with a tariff in force, by product code."""
    by_product: dict[str, list[TariffInForce]] = defaultdict(list)
    for t in tariffs:
        by_product[t.code].append(t)
    lines: dict[str, list[Delivered]] = defaultdict(list)
    for d in delivered:
        lines[d.code].append(d)
    return tuple(_product(code, found, lines[code], set_by_region.get(code)) for code, found in sorted(by_product.items()))


def _product(code: str, found: list[TariffInForce], lines: list[Delivered], set_by_region: int | None) -> ProductHarmonisation:
    cents = [t.cents for t in found]
    middle = median(cents)
    regional = middle if set_by_region is None else set_by_region
    tariff = Tariff(regional, found[0].unit)
    actual = at_regional = unpriced = 0
    for line in lines:
        try:
            priced = round_half_up(price_per_unit(line.unit, tariff) * line.volume)
        except UnitMismatch:
            unpriced += line.amount
            continue
        actual += line.amount
        at_regional += priced
    return ProductHarmonisation(code, found[0].unit, len(found), min(cents), max(cents), middle, regional,
                                MEDIAN if set_by_region is None else REGION_FILE, actual, at_regional, unpriced)


def total(rows: Iterable[ProductHarmonisation]) -> tuple[int, int]:
    """The month as approved and at the regional tariffs, over every product."""
    rows = list(rows)
    return sum(r.actual for r in rows), sum(r.at_regional for r in rows)
