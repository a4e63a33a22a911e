"""Replaying every event into an empty payments database gives the same balances and reports."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from services.gateway.region.loader import load_region
from services.gateway.region.model import read_region
from services.payments.adapters.rebuild import rebuild_projections, replay_into
from tests.integration.payments.conftest import (
    CONTROLLER, FINANCE, ROOT, allocation, create_run, line, pay, publish_allocation, publish_settled, settled,
)
from tests.support.embedded import embedded_app, settle

TOPICS = ("happyflow.gateway.events", "happyflow.allocation.events", "happyflow.invoicing.events")
VIEWS = (
    ("/payments/v1/items", {}), ("/payments/v1/runs", {}),
    ("/payments/v1/reports/budget", {"year": 2026}), ("/payments/v1/reports/ceilings", {"year": 2026}),
    ("/payments/v1/reports/referrals", {"year": 2026}),
    ("/payments/v1/reports/providers/98000001/statement", {"first": "2026-01-01", "last": "2027-12-31"}),
    ("/payments/v1/advances/settlements/98000002", {"year": 2026}),
    ("/payments/v1/outcomes/scores", {"period": "2026"}),
)
SCORES = "aanbieder;product;periode;tevredenheid;doelrealisatie;respondenten\n98000001;;2026;7,6;80;30\n"


@pytest.fixture
async def region(tmp_path: Path):  # type: ignore[no-untyped-def]
    """The region loaded in this runtime, not copied: replaying needs its records on this bus."""
    async with embedded_app(tmp_path / "source") as (runtime, client):
        await load_region(runtime.container("gateway").context, read_region(ROOT / "examples/regions/ijsselland.toml"))
        await settle(runtime)
        yield runtime, client


async def a_busy_year(runtime, client) -> None:  # type: ignore[no-untyped-def]
    await client.post("/payments/v1/advances/schedule", json={"up_to": "2026-02-01"}, headers=FINANCE)
    await pay(client, (await create_run(client, date(2026, 2, 28))).json()["run_id"])
    await publish_allocation(runtime, allocation(300201))
    await publish_settled(runtime, settled("98000001", "0193", [line("A1", 60000), line("A2", 40000)]))
    await publish_settled(runtime, settled("98000002", "0193", [line("G1", 9000000, code="54001")]))
    await publish_settled(runtime, settled("98000005", "0150", [line("D1", 70000000, code="54D01")]))
    cancelled = (await create_run(client)).json()["run_id"]
    await client.post(f"/payments/v1/runs/{cancelled}/cancel", json={"reason": "redo"}, headers=FINANCE)
    await publish_settled(runtime, settled("98000001", "0193", [line("A3", -40000, previous="A2")]))
    await pay(client, (await create_run(client)).json()["run_id"])
    imported = await client.post("/payments/v1/outcomes/scores", content=SCORES.encode(),
                                 headers={**FINANCE, "Content-Type": "text/csv"})
    assert imported.status_code == 201, imported.text


async def views_of(client) -> list:  # type: ignore[no-untyped-def]
    return [(await client.get(url, params=params, headers=FINANCE if "advances" in url else CONTROLLER
                              if "reports" in url else FINANCE)).json() for url, params in VIEWS]


async def consume_again(source, target) -> None:  # type: ignore[no-untyped-def]
    """Every record of the other services' topics, as a new consumer group reads them."""
    handlers = [s.handler for s in target.container("payments").subscriptions]
    for topic in TOPICS:
        consumer = source.bus.consumer("replay", [topic])
        await consumer.start()
        while records := await consumer.poll(max_records=500):
            for record in records:
                for handle in handlers:
                    await handle(record)
        await consumer.stop()


async def test_replaying_every_event_into_an_empty_database_gives_the_same_reports(region, tmp_path: Path):
    runtime, client = region
    await a_busy_year(runtime, client)
    before = await views_of(client)
    async with embedded_app(tmp_path / "empty") as (fresh, fresh_client):
        await replay_into(runtime.container("payments").db, fresh.container("payments").db)
        await consume_again(runtime, fresh)
        assert await views_of(fresh_client) == before
        assert len(await fresh.container("payments").db.read_all(limit=10000)) == len(
            await runtime.container("payments").db.read_all(limit=10000))


async def test_rebuilding_the_projections_in_place_gives_the_same_reports(region):
    runtime, client = region
    await a_busy_year(runtime, client)
    before = await views_of(client)
    await rebuild_projections(runtime.container("payments").db)
    assert await views_of(client) == before
