"""`happyflow rebuild`: an operator empties every service's read models and replays its events;
the read models come back exactly as they were."""

from __future__ import annotations

import asyncio
import importlib
from pathlib import Path

import sqlalchemy as sa

from typer.testing import CliRunner

from services.catalog import SERVICES
from services.cli import app
from services.gateway.region.loader import load_region
from services.gateway.region.model import read_region
from tests.integration.payments.conftest import ROOT, declare_through_the_apis
from tests.support.embedded import embedded_app, settle
from tests.support.read_models import snapshot

PROJECTIONS = {name: importlib.import_module(f"services.{name}.adapters.rebuild").PROJECTIONS for name in SERVICES}


async def read_models(var: Path, traffic: bool = False, lose: bool = False) -> dict[str, dict[str, list[str]]]:
    async with embedded_app(var) as (runtime, client):
        if lose:  # the read models are gone; only the events are left
            for name in SERVICES:
                async with runtime.container(name).db.unit_of_work() as uow:
                    for table in PROJECTIONS[name]:
                        await uow.connection.execute(sa.delete(table))
                    await uow.commit()
        if traffic:
            await load_region(runtime.container("gateway").context, read_region(ROOT / "examples/regions/ijsselland.toml"))
            await settle(runtime)
            await declare_through_the_apis(runtime, client)
        return {name: await snapshot(runtime.container(name).db, PROJECTIONS[name]) for name in SERVICES}


def test_rebuild_replays_every_service_into_the_same_read_models(tmp_path: Path) -> None:
    before = asyncio.run(read_models(tmp_path, traffic=True))
    assert all(any(rows for rows in tables.values()) for tables in before.values())
    assert asyncio.run(read_models(tmp_path, lose=True)) != before
    result = CliRunner().invoke(app, ["rebuild", "--var", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert [line.split(":")[0] for line in result.output.splitlines()] == list(SERVICES)
    assert asyncio.run(read_models(tmp_path)) == before


def test_rebuild_of_an_unknown_service_is_refused(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["rebuild", "nope", "--var", str(tmp_path)])
    assert result.exit_code == 2 and "unknown service" in result.output
