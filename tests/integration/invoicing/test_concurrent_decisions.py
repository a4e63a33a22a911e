"""Two clerks deciding one held line at the same moment: one decision counts, the other gets a
409 problem and changes nothing, on SQLite and on PostgreSQL alike."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import replace
from pathlib import Path
from typing import Any

import httpx
import pytest

from services import migrate
from services.catalog import SERVICES
from services.gateway.region.loader import load_region
from services.gateway.region.model import read_region
from services.runtime import Runtime, create_app, embedded_settings
from shared.bus.memory import InMemoryBus
from shared.clock import SystemClock
from tests.integration.invoicing.test_declaration_flow import (  # noqa: F401 (fixture)
    JW323, ROOT, post_and_settle, region,
)
from tests.support.embedded import settle

FINANCE = {"Authorization": "Bearer demo-staff-financien"}
APPROVE = {"reason": "allocation agreed by phone"}


class Rendezvous:
    """The service's database, whose units of work wait at their first stream load until two of
    them got there: both clerks have read the line as held before either writes a decision."""

    def __init__(self, db: Any, parties: int = 2) -> None:
        self._db, self._waiting, self._all_there = db, parties, asyncio.Event()

    def unit_of_work(self) -> Any:
        return _Meeting(self._db.unit_of_work(), self)

    async def arrive(self) -> None:
        self._waiting -= 1
        if self._waiting <= 0:
            self._all_there.set()
        await self._all_there.wait()

    def __getattr__(self, name: str) -> Any:
        return getattr(self._db, name)


class _Meeting:
    def __init__(self, uow: Any, rendezvous: Rendezvous) -> None:
        self._uow, self._rendezvous, self._met = uow, rendezvous, False

    async def __aenter__(self) -> _Meeting:
        await self._uow.__aenter__()
        return self

    async def __aexit__(self, *exc: Any) -> None:
        await self._uow.__aexit__(*exc)

    async def load(self, stream_id: str) -> Any:
        if not self._met:
            self._met = True
            await self._rendezvous.arrive()
        return await self._uow.load(stream_id)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._uow, name)


async def two_approvals(client: httpx.AsyncClient) -> list[httpx.Response]:
    [held] = (await client.get("/invoicing/v1/queue", headers=FINANCE)).json()
    path = f"/invoicing/v1/queue/{held['declaration_id']}/{held['reference']}/approve"
    return list(await asyncio.gather(*(client.post(path, json=APPROVE, headers=FINANCE) for _ in range(2))))


async def approvals_recorded(runtime: Runtime) -> int:
    events = await runtime.container("invoicing").db.read_all(limit=10_000)
    return sum(1 for e in events if e.type.startswith("invoicing.HeldLineApproved"))


def assert_one_counted(answers: list[httpx.Response]) -> None:
    assert sorted(a.status_code for a in answers) == [204, 409]
    [conflict] = [a for a in answers if a.status_code == 409]
    assert conflict.headers["content-type"] == "application/problem+json" and conflict.json()["status"] == 409


async def test_on_sqlite_the_second_decision_is_a_409_problem(region):
    runtime, client = region
    await post_and_settle(runtime, client, JW323)
    assert_one_counted(await two_approvals(client))
    assert await approvals_recorded(runtime) == 1


@pytest.mark.postgres
async def test_on_postgresql_the_second_decision_is_a_409_problem(tmp_path: Path, postgres_url: str):
    async with invoicing_on_postgresql(tmp_path, postgres_url) as (runtime, client):
        await post_and_settle(runtime, client, JW323)
        invoicing = runtime.container("invoicing")
        invoicing.context = replace(invoicing.context, store=Rendezvous(invoicing.context.store))
        app = create_app(runtime, manage_runtime=False)
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://happyflow") as racing:
            assert_one_counted(await two_approvals(racing))
        assert await approvals_recorded(runtime) == 1


@asynccontextmanager
async def invoicing_on_postgresql(var: Path, url: str) -> AsyncIterator[tuple[Runtime, httpx.AsyncClient]]:
    """The embedded system with the demo region, the invoicing service on PostgreSQL."""
    settings = embedded_settings(var)
    settings["invoicing"] = settings["invoicing"].model_copy(update={"database_url": url})
    for name, service in settings.items():
        await asyncio.to_thread(migrate.upgrade, name, service.database_url)
    bus = InMemoryBus()
    runtime = Runtime([SERVICES[n].container(s, bus, SystemClock()) for n, s in settings.items()], bus)
    await runtime.open()
    try:
        await load_region(runtime.container("gateway").context, read_region(ROOT / "examples/regions/ijsselland.toml"))
        await settle(runtime)
        app = create_app(runtime, manage_runtime=False)
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://happyflow") as client:
            yield runtime, client
    finally:
        await runtime.stop()
