"""The default month for the demo region is big enough to show what the matcher does."""

from __future__ import annotations

from services.demo.options import GeneratorOptions
from services.demo.scenario import build_scenario


def test_the_default_month_of_the_demo_region_has_at_least_5000_declaration_lines(region):
    scenario = build_scenario(region, GeneratorOptions())
    declarations = [m for m in scenario.messages if m.message.code == "323"]
    assert len(scenario.lines) >= 5000
    assert {m.receiver for m in declarations} == {m.code for m in region.municipalities}
    assert {m.sender for m in declarations} == {p.agb for p in region.providers}
