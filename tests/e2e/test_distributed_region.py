"""Issue 17 in the distributed mode: deploy/compose.yaml's processes on loopback — each service
its own process on its own PostgreSQL database, events through a Kafka-protocol broker — with the
demo region loaded (its lump-sum contract, main contractor, contributions and equalisation key).
A generated month goes through the gateway; finance decides what it held, pays the year in one
run and settles the lump sum; then the region's figures must be what the embedded mode gives:
every ledger closes, the lump sum is paid by share with nothing on top, and the reports on lots,
tariffs and outcomes answer as JSON, CSV and XLSX.

One deployment for the module: starting it (a cluster, a broker, migrations, four processes) is
most of its cost."""

from __future__ import annotations

import asyncio
import csv
import io
from collections import Counter
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

import httpx
import pytest
from openpyxl import load_workbook

from services.demo.feed import tokens_of
from services.demo.options import GeneratorOptions
from services.demo.scenario import Scenario, build_scenario
from shared.clock import SystemClock
from shared.devtools.local_deployment import APPS, LocalDeployment
from tests.e2e.region_year import (
    CONTROLLER, LUMP, assert_every_ledger_closes, assert_the_lump_sum_and_the_svb_were_paid,
    assert_the_lump_sums_are_shared_by_the_schedules_shares, assert_the_outcomes_count_the_months_stops,
    pay_the_year, settle_the_lump_sum,
)
from tests.e2e.test_generated_month import FINANCE, REGION, YEAR
from tests.support.distributed import QUICK_GROUPS, load_region, settle_all
from tests.support.traffic import send_month

pytestmark = [pytest.mark.postgres, pytest.mark.kafka]

OPTIONS = GeneratorOptions(municipalities=3, clients=6, seed=7)
"""A small month with care under the lump sum, an early stop and a client who comes back."""
MONTH = f"{OPTIONS.first_month:%Y-%m-%d}"
QUARTER = f"{YEAR}-K{(OPTIONS.first_month.month - 1) // 3 + 1}"
"""The month's quarter, closed by today (the processes' clock), so its outcome clauses settle."""
SCORES = f"aanbieder;product;periode;tevredenheid;doelrealisatie;respondenten\n98000003;;{QUARTER};7,9;80;30\n"
"""The Sallandse Zorgboerderij's quarter: 80 % goal attainment among 30 respondents earns its
contract's quarterly bonus (70 % or more, 24 respondents at least)."""
BONUS = ("98000003", "doelrealisatie", 100000)
[MAIN_CONTRACT] = [c for c in REGION.contracts if c.get("subcontractors")]


@dataclass(frozen=True)
class Year:
    payments: str
    """The payments process's URL."""
    scenario: Scenario
    paid: dict[str, int]
    lump_sum_balance: int
    outcome_items: list[tuple[str, str, int]]
    today: date


@pytest.fixture(scope="module")
def year(postgres_cluster: Any, kafka_bootstrap: Any) -> Iterator[Year]:
    # The fixtures prove the binaries exist (and fail under CI when they do not); the deployment
    # starts its own cluster and broker, as deploy/local/up.py does for an operator.
    deployment = LocalDeployment(free_ports=True, durable=False, env=QUICK_GROUPS)
    try:
        deployment.start(services=APPS)
        for name in APPS:  # four processes importing at once take long on a busy 2-core machine
            assert deployment.wait_healthy(name, within=180), deployment.log_tail(name)
        yield asyncio.run(_the_year(deployment))
    finally:
        deployment.stop()


async def _the_year(deployment: LocalDeployment) -> Year:
    scenario = build_scenario(REGION, OPTIONS)
    gateway, invoicing, payments = (httpx.AsyncClient(base_url=deployment.url(name), timeout=60)
                                    for name in ("gateway", "invoicing", "payments"))
    async with gateway, invoicing, payments:
        await load_region(deployment, REGION)
        await settle_all(gateway, deployment)
        await send_month(gateway, scenario.messages, tokens_of(REGION), lambda: settle_all(gateway, deployment))
        await _reject_what_is_held(invoicing)
        await settle_all(gateway, deployment)
        outcome_items = await _settle_the_quarters_outcomes(payments)
        paid = await pay_the_year(payments)
        balance = await settle_the_lump_sum(payments)
    return Year(deployment.url("payments"), scenario, paid, balance, outcome_items, SystemClock().today())


async def _settle_the_quarters_outcomes(payments: httpx.AsyncClient) -> list[tuple[str, str, int]]:
    """The providers' scores imported from their CSV, then the quarter's outcome clauses settled:
    (contract, clause, amount) of each bonus or malus booked."""
    imported = await payments.post("/payments/v1/outcomes/scores", content=SCORES.encode(),
                                   headers={**CONTROLLER, "Content-Type": "text/csv"})
    assert imported.status_code == 201, imported.text
    settled = await payments.post("/payments/v1/outcomes/settlements", json={"period": QUARTER}, headers=FINANCE)
    assert settled.status_code == 201, settled.text
    return [(s["contract_id"], s["clause"], s["amount"]) for s in settled.json()["settled"]]


async def _reject_what_is_held(invoicing: httpx.AsyncClient) -> None:
    """What the deadline does in the embedded tests (a held line still open on its auto-reject day
    is rejected with its own codes, so its JW325 leaves within 10 working days), done here by
    finance through the queue: the processes run on today's clock, which no test moves."""
    held = (await invoicing.get("/invoicing/v1/queue", params={"limit": 500}, headers=FINANCE)).json()
    assert held, "the month holds lines for finance"
    decided = await invoicing.post("/invoicing/v1/queue/decisions", headers=FINANCE, json={
        "decision": "reject", "reason": "not resolved before the year end",
        "lines": [{"declaration_id": h["declaration_id"], "reference": h["reference"]} for h in held]})
    assert decided.status_code == 200, decided.text
    assert {r["outcome"] for r in decided.json()["lines"]} == {"rejected"}


@pytest.fixture
async def payments(year: Year) -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(base_url=year.payments, timeout=60) as client:
        yield client


async def test_every_ledger_closes_and_the_lump_sum_is_paid_by_share_with_nothing_on_top(year, payments):
    assert_the_lump_sum_and_the_svb_were_paid(year.paid)
    await assert_the_lump_sums_are_shared_by_the_schedules_shares(payments, year.lump_sum_balance)
    await assert_every_ledger_closes(payments, year.today)


async def test_the_lump_sums_production_is_the_care_declared_under_it(year, payments):
    [statement] = (await report(payments, "/payments/v1/lump-sums", year=YEAR))["rows"]
    items = (await payments.get("/payments/v1/items", headers=FINANCE)).json()
    info = [i for i in items if i["status"] == "info"]
    assert info and statement["lines"] == len(info)
    assert statement["production"] == sum(i["amount"] for i in info)


async def test_the_outcome_indicators_count_the_months_stops(year, payments):
    await assert_the_outcomes_count_the_months_stops(payments, year.scenario)


async def test_the_quarters_bonus_from_the_imported_scores_is_paid_with_the_providers_care(year, payments):
    assert year.outcome_items == [BONUS]
    provider, _, bonus = BONUS
    items = (await payments.get("/payments/v1/items", headers=FINANCE)).json()
    care = sum(i["amount"] for i in items if i["provider"] == provider and i["kind"] in ("line", "credit"))
    assert year.paid[provider] == care + bonus
    [settled] = (await report(payments, "/payments/v1/outcomes/settlements", year=YEAR))["rows"]
    assert (settled["contract"], settled["clause"], settled["amount"], settled["status"]) == (*BONUS, "paid")


async def test_the_main_contractors_care_is_reported_at_both_levels(year, payments):
    found = await report(payments, "/payments/v1/reports/contractors", year=YEAR)
    [main] = found["sheets"][0]["rows"]
    subcontractors = {s["agb"] for s in MAIN_CONTRACT["subcontractors"]}
    by_sub: Counter[str] = Counter()
    for row in found["rows"]:
        assert row["provider"] == main["provider"] == MAIN_CONTRACT["provider"]
        by_sub[row["subcontractor"]] += row["realised"]
    assert main["realised"] == main["own care"] + main["subcontracted"] == year.paid[main["provider"]]
    assert main["subcontracted"] == sum(r for s, r in by_sub.items() if s in subcontractors) > 0


async def test_the_lump_sums_monitoring_counts_the_starts_and_stops_its_provider_reported(year, payments):
    starts: Counter[int] = Counter()
    stops: Counter[int] = Counter()
    for m in year.scenario.messages:
        if m.sender == LUMP.contract and m.message.code in ("305", "307"):
            for product in m.message.client.products:
                if m.message.code == "305" and product.start.year == YEAR:
                    starts[product.start.month] += 1
                if m.message.code == "307" and product.end.year == YEAR:
                    stops[product.end.month] += 1
    rows = (await report(payments, f"/payments/v1/lump-sums/{LUMP.id}/monitoring", year=YEAR))["rows"]
    assert {int(r["month"][5:7]): r["starts"] for r in rows if r["starts"]} == dict(starts) != {}
    assert {int(r["month"][5:7]): r["stops"] for r in rows if r["stops"]} == dict(stops)
    [statement] = (await report(payments, "/payments/v1/lump-sums", year=YEAR))["rows"]
    assert (sum(r["lines"] for r in rows), sum(r["production"] for r in rows)) == (
        statement["lines"], statement["production"])


async def test_each_lots_exhaustion_is_its_budget_lines_realised_over_the_municipalities(year, payments):
    months: Counter[str] = Counter()
    for row in (await report(payments, "/payments/v1/reports/budget/months", year=YEAR))["rows"]:
        months[row["budget line"]] += row["realised"]
    lots = {row["budget line"]: row["realised"]
            for row in (await report(payments, "/payments/v1/reports/lots", year=YEAR))["rows"]}
    assert +months and {line: lots[line] for line in +months} == +months
    assert not {line: r for line, r in lots.items() if r and line not in months}


async def test_the_tariff_view_prices_the_months_approved_care(year, payments):
    rows = (await report(payments, "/payments/v1/reports/tariffs", month=MONTH))["rows"]
    [total] = [r for r in rows if r["product"] == "totaal"]
    items = (await payments.get("/payments/v1/items", headers=FINANCE)).json()
    care = sum(i["amount"] for i in items if i["kind"] in ("line", "credit") and i["period_start"].startswith(MONTH[:7]))
    assert total["approved"] == care and care > 0


@pytest.mark.parametrize("path, params", [
    ("/payments/v1/reports/lots", {"year": YEAR}),
    ("/payments/v1/reports/tariffs", {"month": MONTH}),
    ("/payments/v1/reports/outcomes", {"period": str(YEAR), "level": "provider"}),
    ("/payments/v1/reports/contractors", {"year": YEAR}),
    ("/payments/v1/ledger/equalisation", {"year": YEAR}),
    ("/payments/v1/outcomes/settlements", {"year": YEAR}),
])
async def test_the_regions_reports_answer_as_json_csv_and_xlsx(year, payments, path, params):
    table = await report(payments, path, **params)
    assert table["rows"], table
    text = await payments.get(path, params={**params, "format": "csv"}, headers=CONTROLLER)
    assert text.status_code == 200 and text.headers["content-type"] == "text/csv; charset=utf-8", text.text
    header, *lines = list(csv.reader(io.StringIO(text.content.decode("utf-8-sig")), delimiter=";"))
    sheet = await payments.get(path, params={**params, "format": "xlsx"}, headers=CONTROLLER)
    assert sheet.status_code == 200, sheet.text
    [first, *_] = load_workbook(io.BytesIO(sheet.content)).worksheets
    cells = list(first.iter_rows(values_only=True))
    assert len(lines) == len(cells) - 1 == len(table["rows"])  # one header row, then one row per JSON row
    assert len(header) == len(cells[0]) == len(table["columns"])
    for at, column in enumerate(table["columns"]):  # money: eurocents in JSON, euros in CSV and XLSX
        if column["kind"] == "money":
            cents = [row[column["name"]] for row in table["rows"]]
            assert [_cents(line[at]) for line in lines] == cents, column
            assert [_cents(row[at]) for row in cells[1:]] == cents, column


def _cents(euros: Any) -> int | None:
    """A CSV cell ("1234,56") or an XLSX number as eurocents."""
    if euros in (None, ""):
        return None
    return int(Decimal(str(euros).replace(",", ".")) * 100)


async def report(client: httpx.AsyncClient, path: str, **params: Any) -> dict[str, Any]:
    found = await client.get(path, params=params, headers=CONTROLLER)
    assert found.status_code == 200, found.text
    return found.json()
