"""A generated month's stops and returning clients through the whole chain: every JW307 is
accepted and reaches payments, where the outcome indicators count its dropout and re-entry."""

from __future__ import annotations

from pathlib import Path

from services.demo.feed import feed, tokens_of
from services.demo.options import GeneratorOptions
from services.demo.scenario import build_scenario
from services.gateway.region.model import read_region
from tests.e2e.region_year import assert_the_outcomes_count_the_months_stops
from tests.support.embedded import settle
from tests.support.regions import region_app

REGION_FILE = Path(__file__).resolve().parents[2] / "examples" / "regions" / "ijsselland.toml"
OPTIONS = GeneratorOptions(municipalities=2, clients=14, seed=5)
"""A month with early stops and clients who come back."""


async def test_the_months_stops_show_as_dropout_and_reentry_in_the_outcome_indicators(tmp_path):
    region = read_region(REGION_FILE)
    scenario = build_scenario(region, OPTIONS)
    async with region_app(tmp_path, REGION_FILE) as (runtime, client):
        report = await feed(client, scenario.messages, tokens_of(region), lambda: settle(runtime), lambda n: None)
        assert report.refused == []
        await assert_the_outcomes_count_the_months_stops(client, scenario)
