"""The month the crash tests send, and what the parties see of it when nothing is killed: the same
traffic through the embedded system in this process, settled deterministically between steps."""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from services.demo.feed import tokens_of
from services.demo.options import GeneratorOptions
from services.demo.payment_run import finance_tokens
from services.demo.scenario import Scenario, build_scenario
from services.gateway.region.model import Region, read_region
from shared.clock import SystemClock
from tests.support.embedded import settle
from tests.support.regions import region_app
from tests.support.traffic import outcome, payment_run, send_month

REGION_FILE = Path(__file__).resolve().parents[2] / "examples" / "regions" / "ijsselland.toml"
REGION: Region = read_region(REGION_FILE)
TOKENS = tokens_of(REGION)
FINANCE, APPROVER = finance_tokens(REGION)[:2]  # a run is approved by a second finance user
OPTIONS = GeneratorOptions(municipalities=3, clients=6, seed=7)  # all five steps, 63 messages, 33 lines


def due_up_to() -> date:
    return SystemClock().today() + timedelta(days=60)


@pytest.fixture(scope="session")
def scenario() -> Scenario:
    return build_scenario(REGION, OPTIONS)


@pytest.fixture(scope="session")
def without_kills(scenario: Scenario, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    var = tmp_path_factory.mktemp("without-kills")
    with ThreadPoolExecutor(1) as pool:  # a loop of its own: session fixtures outlive the tests' loops
        return pool.submit(asyncio.run, _run(scenario, var)).result()


async def _run(scenario: Scenario, var: Path) -> dict[str, Any]:
    async with region_app(var, REGION_FILE) as (runtime, client):
        ids = await send_month(client, scenario.messages, TOKENS, lambda: settle(runtime))
        run_id = await payment_run(client, FINANCE, APPROVER, due_up_to())
        await settle(runtime)
        return await outcome(client, client, ids, TOKENS, FINANCE, run_id)


def assert_same(seen: dict[str, Any], expected: dict[str, Any]) -> None:
    for part in expected:
        assert seen[part] == expected[part], part

