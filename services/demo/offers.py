"""What each provider may be allocated: its contracted products with their tariffs, read from the
region file, and the Omvang an access team typically gives per unit (ijw-3.2.md §9–10)."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date

from services.gateway.region.model import Region
from shared.ijw.model.basis import Extent, Period, Product

MINUTE, HOUR, ETMAAL, DAGDEEL, OUTPUT, EUROS, PIECES = "01", "04", "14", "16", "82", "83", "84"  # WJ756
MONTHLY, TOTAL = "4", "6"  # WMO757


@dataclass(frozen=True)
class ContractTariff:
    cents: int
    valid_from: date
    valid_to: date | None

    def covers(self, period: Period) -> bool:
        return self.valid_from <= period.start and (self.valid_to is None or period.end <= self.valid_to)


@dataclass(frozen=True)
class Offer:
    """One contracted product of one provider; the tariff is per the product's unit."""

    provider: str
    category: str
    code: str
    unit: str
    tariffs: tuple[ContractTariff, ...]

    @property
    def product(self) -> Product:
        return Product(self.category, self.code)

    def tariff(self, period: Period) -> int | None:
        """The contract tariff valid on the whole period (TR418), or None."""
        return next((t.cents for t in self.tariffs if t.covers(period)), None)


def offers_by_provider(region: Region, providers: list[str], months: list[Period]) -> dict[str, tuple[Offer, ...]]:
    """Per provider its products with a tariff covering each generated month. Products in euro's
    (83) are left out: they carry no tariff and the demo region has none."""
    products = {p["code"]: p for p in region.products}
    found: dict[str, list[Offer]] = {agb: [] for agb in providers}
    for contract in region.contracts:
        agb = str(contract["provider"])
        if agb not in found:
            continue
        by_code: dict[str, list[ContractTariff]] = {}
        for t in contract.get("tariffs", []):
            by_code.setdefault(str(t["product"]), []).append(
                ContractTariff(int(t["cents"]), _day(t["from"]), _day(t["to"]) if t.get("to") else None))
        for code, tariffs in sorted(by_code.items()):
            product = products.get(code)
            if product is None or product["unit"] == EUROS:
                continue
            offer = Offer(agb, str(product["category"]), code, str(product["unit"]), tuple(tariffs))
            if all(offer.tariff(month) is not None for month in months):
                found[agb].append(offer)
    return {agb: tuple(offers) for agb, offers in found.items() if offers}


def _day(value: object) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value))


def typical_extent(offer: Offer, rng: random.Random, life_months: int) -> Extent:
    """A sensible Omvang: hours or minutes or dagdelen per month (some as a total over the
    allocation), 31 etmalen per month, one output piece in total (CS338 respected)."""
    monthly = {
        HOUR: rng.choice((4, 6, 8, 8, 10, 12, 16)),
        MINUTE: rng.choice((240, 360, 480, 600, 600, 900)),
        DAGDEEL: rng.choice((4, 8, 10, 12, 16)),
        PIECES: rng.choice((2, 4, 8)),
        ETMAAL: 31,
    }
    if offer.unit == OUTPUT:
        return Extent(1, OUTPUT, TOTAL)
    volume = monthly[offer.unit]
    if offer.unit != ETMAAL and rng.random() < 0.2:
        return Extent(max(1, volume * life_months * 4 // 5), offer.unit, TOTAL)
    return Extent(volume, offer.unit, MONTHLY)
