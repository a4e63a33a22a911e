"""A scenario: every message of the generated traffic in sending order, each declaration line
with the outcome the matcher should give it, and after each month's traffic how care ended in it
(stops, and clients who came back: services/demo/endings.py, a random stream of its own).
Pure: seeded `random.Random(seed)`, no I/O, no clock.

    build_scenario(region, options) -> Scenario
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from services.demo.endings import Endings
from services.demo.monthly import Traffic
from services.demo.months import add_months, month_of
from services.demo.offers import Offer, offers_by_provider
from services.demo.options import GeneratorOptions
from services.demo.outgoing import ExpectedLine, Outgoing
from services.demo.plan import Plan, PlannedAllocation, Planner, clients_per_municipality
from services.gateway.region.model import Region


@dataclass(frozen=True)
class Scenario:
    region: str
    options: GeneratorOptions
    plan: Plan
    messages: tuple[Outgoing, ...]
    returning: tuple[PlannedAllocation, ...] = ()
    """The allocations of clients who came back after their care stopped (not in `plan`)."""

    @property
    def lines(self) -> list[ExpectedLine]:
        return [line for m in self.messages for line in m.lines]


def build_scenario(region: Region, options: GeneratorOptions) -> Scenario:
    rng = random.Random(options.seed)
    plan = make_plan(region, options, rng)
    traffic = Traffic(rng, options, plan, _offers(region, options, plan.providers), frozenset(region.policy.reject))
    endings = Endings(options.seed, plan, options.first_month)
    messages = []
    for index in range(options.months):
        month = add_months(options.first_month, index)
        messages += traffic.month(month)
        messages += endings.month(month)
    return Scenario(region.name, options, plan, tuple(messages), tuple(endings.returning))


def make_plan(region: Region, options: GeneratorOptions, rng: random.Random) -> Plan:
    municipalities = region.municipalities[:options.municipalities]
    providers = tuple(p.agb for p in region.providers[:options.providers])
    planner = Planner(rng, options, _offers(region, options, providers))
    if not planner.offers:
        raise ValueError("no provider has a contracted product with a tariff for every generated month")
    weights = {m.code: sum(sum(lines.values()) for lines in m.budgets.values()) for m in municipalities}
    counts = clients_per_municipality(weights, options.clients)
    allocations = [a for m in municipalities for a in planner.allocations_for(m.code, m.name, counts[m.code])]
    return Plan(tuple((m.code, m.name) for m in municipalities), tuple(sorted(planner.offers)), tuple(allocations))


def _offers(region: Region, options: GeneratorOptions, providers: tuple[str, ...]) -> dict[str, tuple[Offer, ...]]:
    months = [month_of(add_months(options.first_month, index)) for index in range(options.months)]
    return offers_by_provider(region, list(providers), months)


__all__ = ["ExpectedLine", "Outgoing", "Scenario", "build_scenario", "make_plan"]
