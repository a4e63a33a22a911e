"""Who gets which care: clients per municipality, their allocations (product, period, Omvang),
the few that start with a provider's request (JW315), the starts the providers report (JW305),
and the allocations a provider will declare past their end (the `expired_allocation` mistake).
"""

from __future__ import annotations

import random
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta

from services.demo.months import add_months, last_day, months_touched
from services.demo.offers import HOUR, OUTPUT, Offer, typical_extent
from services.demo.options import GeneratorOptions
from services.demo.population import Client, Population
from shared.ijw.model.basis import Extent

PROVIDERS_PER_CLIENT = ((1, 70), (2, 25), (3, 5))
SHARE_STARTING_LATER = 0.08  # per later month: new care, so months after the first grow
DELIVERED_SHARE = 0.93  # an active allocation without care in a month is not declared that month
OUTPUT_SHARE = 0.35  # an output trajectory is declared once, in one of the months it runs


@dataclass(frozen=True)
class PlannedAllocation:
    number: int
    municipality: str
    provider: str
    client: Client
    offer: Offer
    start: date
    end: date | None
    extent: Extent
    decided: datetime
    issued_in: date
    """The first day of the generated month whose traffic carries its JW301."""
    request: str | None = None
    """ReferentieAanbieder of the JW315 this allocation honours (TR379)."""
    started: date | None = None
    """Begindatum the provider reports in a JW305; None when it never sends one."""
    in_minutes: bool = False
    """An hour allocation the provider declares in minutes (TR341 exception, §12.6)."""
    declared_past_end_in: date | None = None
    """The month in which the provider declares the whole month although the allocation ended."""

    def active_in(self, month: date) -> bool:
        return self.start <= last_day(month) and (self.end is None or self.end >= month)


@dataclass(frozen=True)
class Plan:
    municipalities: tuple[tuple[str, str], ...]  # (code, name)
    providers: tuple[str, ...]
    allocations: tuple[PlannedAllocation, ...]


def clients_per_municipality(weights: dict[str, int], average: int) -> dict[str, int]:
    """Spread `average × count` clients by weight (the yearly budget), at least one each."""
    total, count = sum(weights.values()), len(weights)
    if total == 0:
        return {code: average for code in weights}
    return {code: max(1, round(average * count * w / total)) for code, w in weights.items()}


class Planner:
    def __init__(self, rng: random.Random, options: GeneratorOptions, offers: dict[str, tuple[Offer, ...]]) -> None:
        self.rng, self.options, self.offers = rng, options, offers
        self.population = Population(rng)
        self.in_minutes = {agb for agb in sorted(offers) if rng.random() < 0.35}
        self.requests: dict[str, int] = {}
        self.numbers: dict[str, int] = {}

    def allocations_for(self, code: str, city: str, count: int) -> list[PlannedAllocation]:
        planned = []
        for _ in range(count):
            client = self.population.client(city, self.options.first_month)
            start_month = self._start_month()
            for agb in self._providers():
                offers = self.offers[agb]
                products = self.rng.sample(offers, 2 if len(offers) > 1 and self.rng.random() < 0.2 else 1)
                planned.extend(self._allocation(code, client, offer, start_month) for offer in products)
        return planned

    def _providers(self) -> list[str]:
        amounts, weights = zip(*PROVIDERS_PER_CLIENT)
        wanted = self.rng.choices(amounts, weights)[0]
        return self.rng.sample(sorted(self.offers), min(len(self.offers), wanted))

    def _start_month(self) -> date:
        later = self.options.months - 1
        if later and self.rng.random() < SHARE_STARTING_LATER * later:
            return add_months(self.options.first_month, self.rng.randint(1, later))
        return add_months(self.options.first_month, -self.rng.randrange(12))

    def _allocation(self, code: str, client: Client, offer: Offer, start_month: date) -> PlannedAllocation:
        rng, first = self.rng, self.options.first_month
        start = start_month if rng.random() < 0.85 else start_month.replace(day=rng.randint(2, 25))
        already = max(0, months_touched(start, first) - 1)
        life = max(rng.choice((3, 6, 6, 12, 12)), already + 1 + rng.randrange(7))
        end = last_day(add_months(start_month, life - 1))
        if rng.random() < 0.1:
            end = end.replace(day=rng.randint(5, 25))  # care ends mid-month: lines stop there (TR388)
        extent = typical_extent(offer, rng, life)
        if extent.frequency == "4" and rng.random() < 0.1:
            end = None  # open-ended ("until further notice")
        decided = datetime.combine(start - timedelta(days=rng.randint(2, 20)),
                                   time(rng.randint(8, 16), rng.randrange(60)))
        self.numbers[code] = self.numbers.get(code, 0) + 1
        allocation = PlannedAllocation(
            number=(first.year % 100) * 1_000_000 + self.numbers[code], municipality=code, provider=offer.provider,
            client=client, offer=offer, start=start, end=end, extent=extent, decided=decided,
            issued_in=max(first, start.replace(day=1)),
            in_minutes=offer.unit == HOUR and offer.provider in self.in_minutes)
        return self._with_traffic(allocation)

    def _with_traffic(self, a: PlannedAllocation) -> PlannedAllocation:
        rng, request, started, end = self.rng, None, None, a.end
        if a.start >= self.options.first_month and rng.random() < 0.25:
            self.requests[a.provider] = self.requests.get(a.provider, 0) + 1
            request = f"VOT{a.decided:%y}{a.provider[-4:]}{self.requests[a.provider]:05d}"
        fated = self._declared_past_end(a)
        if fated is not None:
            mid_month, month = fated
            earliest = max(5, a.start.day + 1) if a.start >= month else 5
            end = month.replace(day=rng.randint(earliest, 25)) if mid_month else month - timedelta(days=1)
        if rng.random() < 0.85:
            started = a.start + timedelta(days=rng.randint(0, 6))
            started = started if end is None else min(started, end)
        return replace(a, request=request, started=started, end=end,
                       declared_past_end_in=None if fated is None else fated[1])

    def _declared_past_end(self, a: PlannedAllocation) -> tuple[bool, date] | None:
        """Per generated month, with the `expired_allocation` rate: the allocation ends in that
        month (mid-month, so the full month runs past it: 9308 + 9388) or just before it (the
        month lies wholly after it: 9308 + 9321, its cap there being 0)."""
        # The rate is a share of lines: scale by the chance the allocation is declared at all.
        declared = OUTPUT_SHARE if a.offer.unit == OUTPUT else DELIVERED_SHARE
        rate = self.options.error_rates.expired_allocation * declared
        for index in range(self.options.months):
            month = add_months(self.options.first_month, index)
            if not (a.start < month.replace(day=5) and (a.end is None or a.end >= last_day(month))):
                continue
            if self.rng.random() < rate:
                return (a.start >= month or self.rng.random() < 0.6), month
        return None
