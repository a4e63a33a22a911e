"""How care ends in the generated traffic: stops (JW307) of started care with a JZ588 reason,
mostly as planned, and clients who come back soon after — drawn from a random stream of their own,
so the months' other traffic is what it was without them."""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import replace
from datetime import timedelta

from services.demo.monthly import Traffic
from services.demo.months import add_months, month_of
from services.demo.offers import offers_by_provider
from services.demo.outgoing import FOLLOW_UPS
from services.demo.scenario import build_scenario, make_plan
from shared.ijw.codelists import REDEN_BEEINDIGING
from tests.unit.demo.conftest import SMALL

LARGER = replace(SMALL, municipalities=4, clients=120, months=1)


def test_the_endings_leave_the_months_traffic_as_it_was(region, scenario):
    rng = random.Random(SMALL.seed)
    plan = make_plan(region, SMALL, rng)
    months = [add_months(SMALL.first_month, index) for index in range(SMALL.months)]
    traffic = Traffic(rng, SMALL, plan, offers_by_provider(region, list(plan.providers), [month_of(m) for m in months]),
                      frozenset(region.policy.reject))
    alone = [m for month in months for m in traffic.month(month)]
    assert [m for m in scenario.messages if m.step <= FOLLOW_UPS] == alone


def test_a_stop_ends_started_care_at_its_allocations_end_for_a_reason_of_the_code_list(region):
    scenario = build_scenario(region, LARGER)
    allocations = {(a.municipality, a.number): a for a in (*scenario.plan.allocations, *scenario.returning)}
    reasons: Counter[str] = Counter()
    for outgoing in (m for m in scenario.messages if m.message.code == "307"):
        for stop in outgoing.message.client.products:
            a = allocations[(outgoing.receiver, stop.allocation_number)]
            assert (stop.start, stop.end, stop.product) == (a.started, a.end, a.offer.product)  # TR382
            assert stop.end <= outgoing.message.header.message_id.date  # TR134
            reasons[stop.reason] += 1
    assert set(reasons) <= set(REDEN_BEEINDIGING) - {"02", "20"}
    assert reasons["31"] > sum(reasons.values()) / 2 and len(reasons) >= 4  # mostly as planned, some early


def test_a_returning_client_gets_the_same_care_again_within_weeks_of_its_stop(region):
    scenario = build_scenario(region, LARGER)
    assert scenario.returning
    for again in scenario.returning:
        stop = first_index(scenario, "307", lambda m: (m.receiver, m.sender, m.message.client.person.bsn) == (
            again.municipality, again.provider, again.client.bsn))
        end = max(p.end for p in scenario.messages[stop].message.client.products)
        assert end < again.start <= end + timedelta(days=180)  # a re-entry by the region's default period
        allocated = first_index(scenario, "301", lambda m: again.number in {a.number for a in m.message.client.allocations})
        started = first_index(scenario, "305", lambda m: again.number in {
            p.allocation_number for p in m.message.client.products})
        assert stop < allocated < started


def first_index(scenario, code: str, wanted) -> int:  # type: ignore[no-untyped-def]
    return next(i for i, m in enumerate(scenario.messages) if m.message.code == code and m.receiver != m.sender
                and wanted(m))
