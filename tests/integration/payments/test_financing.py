"""Lump-sum financing and the region's ledger through the payments API (issue 17, items 1 and 4),
on the demo region: Gezinshuis De Linde (98000006) is paid €45.000 a month for availability,
shared by the eleven municipalities; they contribute monthly and equalise by population. Payments
runs on SQLite and on PostgreSQL."""

from __future__ import annotations

import csv
import io
from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from shared.clock import FixedClock
from shared.exchange.allocation import DELIVERY_REPORTED
from tests.integration.payments.conftest import (
    CONTROLLER, CONTROLLER_ZWOLLE, FINANCE, FINANCE_ZWOLLE, ROOT, create_run, demo_region, envelope, line, pay,
    publish, publish_settled, settled, transfers,
)
from tests.support.postgres import ON_BOTH

pytestmark = pytest.mark.parametrize("database_kind", ON_BOTH)

LUMP = 4500000
SCHEDULE = "linde-beschikbaarheid-2026"


async def schedule(client, up_to: str) -> int:  # type: ignore[no-untyped-def]
    done = await client.post("/payments/v1/lump-sums/schedule", json={"up_to": up_to}, headers=FINANCE)
    assert done.status_code == 200, done.text
    return done.json()["scheduled"]


async def test_lump_sum_periods_are_paid_once_through_the_runs(region):
    _, client = region
    assert await schedule(client, "2026-02-15") == 2
    assert await schedule(client, "2026-02-15") == 0
    run = (await create_run(client, date(2026, 2, 28))).json()
    assert transfers(run) == {"98000006": 2 * LUMP}
    cancelled = await client.post(f"/payments/v1/runs/{run['run_id']}/cancel", json={"reason": "te vroeg"},
                                  headers=FINANCE)
    assert cancelled.status_code == 200, cancelled.text
    again = (await create_run(client, date(2026, 2, 28))).json()
    await pay(client, again["run_id"])
    assert (await create_run(client, date(2026, 2, 28))).status_code == 409  # nothing due: never twice


async def test_lines_under_the_lump_sum_are_information_and_not_paid(region):
    runtime, client = region
    await publish_settled(runtime, settled("98000006", "0193", [line("LI1", 645000, code="43A01")]))
    items = (await client.get("/payments/v1/items", headers=FINANCE)).json()
    assert [(i["item_id"], i["status"]) for i in items] == [("98000006:LI1", "info")]
    assert (await create_run(client)).status_code == 409


async def test_year_end_settlement_pays_production_beyond_the_corridor(region):
    runtime, client = region
    await schedule(client, "2026-12-01")
    await pay(client, (await create_run(client, date(2026, 12, 31))).json()["run_id"])
    production = 12 * LUMP * 120 // 100  # 20 % above the lump sum; the corridor is 10 %
    await publish_settled(runtime, settled("98000006", "0150", [line("LI2", production, code="43A01")]))
    done = await client.post(f"/payments/v1/lump-sums/{SCHEDULE}/settle", json={"year": 2026, "due_on": "2027-01-31"},
                             headers=FINANCE)
    assert done.json() == {"settled": True, "balance": production - 12 * LUMP * 110 // 100}
    report = (await client.get("/payments/v1/lump-sums", params={"year": 2026}, headers=CONTROLLER)).json()
    assert [(r["schedule"], r["lump sum paid"], r["production"]) for r in report["rows"]] == [
        (SCHEDULE, 12 * LUMP, production)]


async def test_settling_before_every_period_is_paid_is_refused_naming_the_rule(region):
    _, client = region
    await schedule(client, "2026-03-01")
    done = await client.post(f"/payments/v1/lump-sums/{SCHEDULE}/settle", json={"year": 2026, "due_on": "2027-01-31"},
                             headers=FINANCE)
    assert done.status_code == 409 and "HF-LUMP-SUM-OPEN" in done.json()["detail"]


async def test_monitoring_counts_clients_in_care_from_starts_and_stops(region):
    runtime, client = region
    for number, kind, end in ((1, "started", None), (2, "started", None), (2, "stopped", "2026-02-10")):
        payload = {"municipality": "0193", "allocation_number": number, "client_bsn": f"99990000{number}",
                   "provider_agb": "98000006", "product": {"category": "43", "code": "43A01"},
                   "begin": "2026-01-05", "kind": kind, "end": end, "reason": "01" if end else None, "late": False}
        message = envelope(DELIVERY_REPORTED, payload, f"delivery-0193-{number}")
        await publish(runtime, replace(message, topic="happyflow.allocation.events"))
    found = await client.get(f"/payments/v1/lump-sums/{SCHEDULE}/monitoring", params={"year": 2026},
                             headers=CONTROLLER)
    months = {r["month"]: (r["clients in care"], r["starts"], r["stops"]) for r in found.json()["rows"]}
    assert months["2026-01-01"] == (2, 2, 0) and months["2026-02-01"] == (2, 0, 1) and months["2026-03-01"] == (1, 0, 0)


async def test_lump_sums_are_for_staff_of_the_whole_region_only(region):
    _, client = region
    found = await client.get(f"/payments/v1/lump-sums/{SCHEDULE}/monitoring", params={"year": 2026},
                             headers=CONTROLLER_ZWOLLE)
    assert found.status_code == 404
    listed = await client.get("/payments/v1/lump-sums", params={"year": 2026}, headers=CONTROLLER_ZWOLLE)
    assert listed.status_code == 403


async def test_the_ledger_runs_contributions_against_spending_per_month(region):
    runtime, client = region
    await schedule(client, "2026-01-01")
    await publish_settled(runtime, settled("98000001", "0193", [line("Z1", 62800, date(2026, 1, 1))]))
    found = await client.get("/payments/v1/ledger", params={"year": 2026, "municipality": "0193"},
                             headers=CONTROLLER_ZWOLLE)
    january = found.json()["rows"][0]
    assert (january["contributions"], january["care"], january["lump sums"]) == (292500000, 62800, LUMP // 4)
    assert january["balance"] == 292500000 - 62800 - LUMP // 4


async def test_another_municipalitys_ledger_is_not_there(region):
    _, client = region
    found = await client.get("/payments/v1/ledger", params={"year": 2026, "municipality": "0150"},
                             headers=CONTROLLER_ZWOLLE)
    assert found.status_code == 404


async def test_equalisation_as_of_a_day_replays_the_book_up_to_that_day(region):
    runtime, client = region
    await publish_settled(runtime, settled("98000001", "0193", [line("Z1", 62800, date(2026, 1, 1))]))
    today = (await client.get("/payments/v1/ledger/equalisation", params={"year": 2026}, headers=CONTROLLER)).json()
    before = (await client.get("/payments/v1/ledger/equalisation", params={"year": 2026, "as_of": "2026-01-01"},
                               headers=CONTROLLER)).json()
    spending = {r["municipality"]: r["spending"] for r in today["rows"]}
    assert spending["0193"] == 62800 and sum(r["equalisation"] for r in today["rows"]) == 0
    assert {"name": "key share", "kind": "basis_points"} in today["columns"]
    shares = [r["key share"] for r in today["rows"]]
    assert all(type(s) is int for s in shares) and abs(sum(shares) - 10_000) <= len(shares) // 2  # each rounded
    assert {r["spending"] for r in before["rows"]} == {0}  # the line was booked after 1 January 2026
    for r in today["rows"]:
        assert r["contributions"] - r["spending"] - r["equalisation"] - r["settlement"] == 0


@pytest.fixture
async def late_evening(request: pytest.FixtureRequest, tmp_path: Path, database_kind: str):
    """23:30 UTC on 6 December: already 7 December in the Netherlands."""
    clock = FixedClock(datetime(2026, 12, 6, 23, 30, tzinfo=UTC))
    async with demo_region(request, tmp_path, ROOT / "examples/regions/ijsselland.toml", database_kind,
                           clock) as started:
        yield started


async def test_what_was_booked_after_dutch_midnight_counts_from_that_dutch_day(late_evening):
    runtime, client = late_evening
    await publish_settled(runtime, settled("98000001", "0193", [line("Z1", 62800, date(2026, 1, 1))]))

    async def spending(as_of: str) -> int:
        found = await client.get("/payments/v1/ledger/equalisation", params={"year": 2026, "as_of": as_of},
                                 headers=CONTROLLER)
        return {r["municipality"]: r["spending"] for r in found.json()["rows"]}["0193"]

    assert await spending("2026-12-07") == 62800
    assert await spending("2026-12-06") == 0


async def test_a_pgb_transfer_is_paid_to_the_svb_and_spent_for_its_municipality(region):
    runtime, client = region
    body = {"municipality": "0193", "month": "2026-03-01", "amount": 1250000, "reference": "SVB-2026-03",
            "due_on": "2026-03-20"}
    assert (await client.post("/payments/v1/ledger/pgb-transfers", json=body, headers=FINANCE)).json() == {"booked": True}
    assert (await client.post("/payments/v1/ledger/pgb-transfers", json=body, headers=FINANCE)).json() == {"booked": False}
    run = (await create_run(client, date(2026, 3, 31))).json()
    assert transfers(run) == {"SVB": 1250000}
    ledger = await client.get("/payments/v1/ledger", params={"year": 2026, "municipality": "0193", "format": "csv"},
                              headers=CONTROLLER)
    rows = list(csv.reader(io.StringIO(ledger.content.decode("utf-8-sig")), delimiter=";"))
    march = next(r for r in rows if r[2] == "2026-03")
    assert "12500,00" in march


async def test_a_bad_pgb_transfer_is_refused_naming_every_rule_and_books_nothing(region):
    _, client = region
    body = {"municipality": "0193", "month": "2026-03-15", "amount": 0, "reference": "x", "due_on": "2026-03-20"}
    done = await client.post("/payments/v1/ledger/pgb-transfers", json=body, headers=FINANCE)
    assert done.status_code == 422
    assert {e["rule"] for e in done.json()["errors"]} == {"HF-PGB-MONTH", "HF-PGB-AMOUNT"}
    assert (await client.get("/payments/v1/items", headers=FINANCE)).json() == []
    other = await client.post("/payments/v1/ledger/pgb-transfers", headers=FINANCE_ZWOLLE,
                              json=body | {"municipality": "0150", "month": "2026-03-01", "amount": 5})
    assert other.status_code == 404
