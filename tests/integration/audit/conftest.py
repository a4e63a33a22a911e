"""The embedded system with the demo region loaded, for the audit log's tests: the regional admin
and the auditor read the log; access and finance staff make entries in it."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.integration.allocation.conftest import region_file
from tests.support.regions import region_app

AUDIT = "/gateway/v1/audit"
ADMIN = {"Authorization": "Bearer demo-staff-beheer"}
AUDITOR = {"Authorization": "Bearer demo-staff-accountant"}
FINANCE = {"Authorization": "Bearer demo-staff-financien"}


@pytest.fixture
async def demo(tmp_path: Path) -> AsyncIterator[tuple[Any, httpx.AsyncClient]]:
    async with region_app(tmp_path / "var", region_file(tmp_path)) as (runtime, client):
        yield runtime, client
