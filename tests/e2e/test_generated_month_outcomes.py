"""A generated month's stops and returning clients through the whole chain: every JW307 is
accepted and reaches payments, where the outcome indicators count its dropout and re-entry."""

from __future__ import annotations

from pathlib import Path

from services.demo.feed import feed, tokens_of
from services.demo.options import GeneratorOptions
from services.demo.scenario import build_scenario
from services.gateway.region.model import read_region
from tests.support.embedded import settle
from tests.support.regions import region_app

REGION_FILE = Path(__file__).resolve().parents[2] / "examples" / "regions" / "ijsselland.toml"
OPTIONS = GeneratorOptions(municipalities=2, clients=14, seed=5)
"""A month with early stops and clients who come back."""
CONTROLLER = {"Authorization": "Bearer demo-staff-controller"}


async def test_the_months_stops_show_as_dropout_and_reentry_in_the_outcome_indicators(tmp_path):
    region = read_region(REGION_FILE)
    scenario = build_scenario(region, OPTIONS)
    stops = [p for m in scenario.messages if m.message.code == "307" for p in m.message.client.products]
    assert scenario.returning and any(p.reason != "31" for p in stops)
    async with region_app(tmp_path, REGION_FILE) as (runtime, client):
        report = await feed(client, scenario.messages, tokens_of(region), lambda: settle(runtime), lambda n: None)
        assert report.refused == []
        rows = (await client.get("/payments/v1/reports/outcomes", params={"period": "2026", "level": "municipality"},
                                 headers=CONTROLLER)).json()["rows"]
    assert sum(r["stops"] for r in rows) == len(stops)  # each JW307 accepted (a refused one is not published)
    assert sum(r["dropouts"] for r in rows) == sum(p.reason != "31" for p in stops)
    assert sum(r["re-entries"] for r in rows) >= len(scenario.returning)
