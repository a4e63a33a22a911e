"""A small generated scenario with many mistakes, shared by the tests that only read it."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from services.demo.options import DEMO_REGION, ErrorRates, GeneratorOptions
from services.demo.scenario import Scenario, build_scenario
from services.gateway.region.model import Region, read_region

SMALL = GeneratorOptions(municipalities=3, clients=25, months=2, first_month=date(2026, 3, 1),
                         error_rates=ErrorRates().scaled(4), seed=7)


@pytest.fixture(scope="session")
def region() -> Region:
    return read_region(DEMO_REGION)


@pytest.fixture(scope="session")
def scenario(region: Region) -> Scenario:
    return build_scenario(region, SMALL)


@pytest.fixture(scope="session")
def corrected(region: Region) -> Scenario:
    """Corrections follow only declarations answered at once (IV085), which the many mistakes of
    SMALL leave none of: the same size, fewer mistakes that hold a line, many corrections."""
    return build_scenario(region, replace(SMALL, error_rates=ErrorRates(0.04, 0, 0, 0, 0.1, 0.3)))
