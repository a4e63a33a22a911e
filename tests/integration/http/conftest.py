"""The embedded system with the demo region loaded, for the tests of what every service answers."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.support.regions import region_app

DEMO = Path(__file__).resolve().parents[3] / "examples" / "regions" / "ijsselland.toml"
CONTROLLER = {"Authorization": "Bearer demo-staff-controller"}
FINANCE = {"Authorization": "Bearer demo-staff-financien"}
ADMIN = {"Authorization": "Bearer demo-staff-beheer"}
ACCESS = {"Authorization": "Bearer demo-staff-toegang.zwolle"}
PROBLEM_JSON = "application/problem+json"


@pytest.fixture
async def demo(tmp_path: Path) -> AsyncIterator[tuple[Any, httpx.AsyncClient]]:
    async with region_app(tmp_path / "var", DEMO) as (runtime, client):
        yield runtime, client
