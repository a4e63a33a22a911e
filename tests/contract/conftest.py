from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from tests.support.databases import ADAPTERS, open_database


@pytest.fixture(params=ADAPTERS)
async def database(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[object]:
    def postgres_url() -> str:
        return request.getfixturevalue("postgres_url")

    db = await open_database(request.param, tmp_path, postgres_url)
    try:
        yield db
    finally:
        await db.close()
