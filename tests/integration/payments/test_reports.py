"""Reports for controllers and finance, scoped to their municipalities, as JSON, CSV and XLSX."""

from __future__ import annotations

import io
from datetime import date

from openpyxl import load_workbook

from tests.integration.payments.conftest import (
    ACCESS_ZWOLLE, CONTROLLER, CONTROLLER_ZWOLLE, FINANCE, TODAY, allocation, line, publish_allocation,
    publish_settled, settled,
)

BUDGET = "/payments/v1/reports/budget"


def row_of(report: dict, **match: object) -> dict:
    return next(r for r in report["rows"] if all(r[k] == v for k, v in match.items()))


async def test_budget_realised_is_the_approved_amount_by_month_of_care(region):
    runtime, client = region
    await publish_settled(runtime, settled("98000001", "0193", [line("A1", 78500, date(2026, 3, 1))]))
    await publish_settled(runtime, settled("98000001", "0193", [line("A2", -78500, date(2026, 3, 1), previous="A1"),
                                                                line("A3", 15700, date(2026, 4, 1))]))
    report = (await client.get(BUDGET, params={"year": 2026, "municipality": "0193"}, headers=CONTROLLER)).json()
    assert row_of(report, **{"budget line": "jeugd-opvoedhulp"})["realised"] == 15700
    months = report["sheets"][0]
    assert row_of(months, month="2026-04-01", **{"budget line": "jeugd-opvoedhulp"})["realised"] == 15700


async def test_budget_committed_is_the_remaining_allocated_volume_at_the_contract_tariff(region):
    runtime, client = region
    await publish_allocation(runtime, allocation(300201))
    report = (await client.get(BUDGET, params={"year": 2026, "municipality": "0193"}, headers=CONTROLLER)).json()
    months_left = 12 - TODAY.month + 1 if TODAY.year == 2026 else 0
    row = row_of(report, **{"budget line": "jeugd-opvoedhulp"})
    assert row["committed"] == months_left * 8 * 7850 and row["forecast"] == row["realised"] + row["committed"]


async def test_a_total_allocation_commits_what_its_approved_lines_left(region):
    runtime, client = region
    await publish_allocation(runtime, allocation(300201, frequency="6", volume=100))
    await publish_settled(runtime, settled("98000001", "0193", [line("A1", 40 * 7850, volume=40)]))
    report = (await client.get(BUDGET, params={"year": 2026, "municipality": "0193"}, headers=CONTROLLER)).json()
    row = row_of(report, **{"budget line": "jeugd-opvoedhulp"})
    assert (row["realised"], row["committed"]) == (40 * 7850, 60 * 7850 if TODAY.year == 2026 else 0)


async def test_reports_export_as_csv_and_xlsx_with_their_content_types(region):
    _, client = region
    params = {"year": 2026, "municipality": "0193"}
    csv = await client.get(BUDGET, params={**params, "format": "csv"}, headers=CONTROLLER)
    assert csv.headers["content-type"] == "text/csv; charset=utf-8"
    assert 'filename="budget-exhaustion-0193-2026.csv"' in csv.headers["content-disposition"]
    assert csv.text.splitlines()[0].startswith("municipality,year,budget line,budget")
    xlsx = await client.get(BUDGET, params={**params, "format": "xlsx"}, headers=FINANCE)
    assert xlsx.headers["content-type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert len(load_workbook(io.BytesIO(xlsx.content)).sheetnames) == 2


async def test_reports_are_scoped_to_the_callers_municipalities(region):
    runtime, client = region
    await publish_allocation(runtime, allocation(1, municipality="0150"))
    assert (await client.get(BUDGET, params={"year": 2026, "municipality": "0150"},
                             headers=CONTROLLER_ZWOLLE)).status_code == 404
    mine = (await client.get(BUDGET, params={"year": 2026}, headers=CONTROLLER_ZWOLLE)).json()
    assert {r["municipality"] for r in mine["rows"]} == {"0193"}
    referrals = (await client.get("/payments/v1/reports/referrals", params={"year": 2026},
                                  headers=CONTROLLER_ZWOLLE)).json()
    assert referrals["rows"] == []


async def test_reports_need_the_controller_or_finance_role(region):
    _, client = region
    assert (await client.get(BUDGET, params={"year": 2026}, headers=ACCESS_ZWOLLE)).status_code == 403


async def test_referrals_count_allocations_by_referrer_type(region):
    runtime, client = region
    for number, referrer in ((1, "02"), (2, "02"), (3, "01")):
        await publish_allocation(runtime, allocation(number, referrer))
    await publish_allocation(runtime, allocation(1, "03"))  # a later version: still counted once, as first issued
    report = (await client.get("/payments/v1/reports/referrals", params={"year": 2026}, headers=CONTROLLER)).json()
    assert [(r["referrer"], r["allocations"], r["share"]) for r in report["rows"]] == [
        ("gemeente", 1, 33), ("huisarts", 2, 67)]


async def test_the_provider_statement_lists_the_providers_items_in_scope(region):
    runtime, client = region
    await publish_settled(runtime, settled("98000001", "0193", [line("A1", 60000)]))
    await publish_settled(runtime, settled("98000001", "0150", [line("A2", 30000)]))
    params = {"first": "2026-01-01", "last": "2027-12-31"}
    url = "/payments/v1/reports/providers/98000001/statement"
    everything = (await client.get(url, params=params, headers=CONTROLLER)).json()
    zwolle = (await client.get(url, params=params, headers=CONTROLLER_ZWOLLE)).json()
    assert len(everything["rows"]) == 2 and [r["municipality"] for r in zwolle["rows"]] == ["0193"]
    assert (await client.get("/payments/v1/reports/providers/11111111/statement", params=params,
                             headers=CONTROLLER)).status_code == 404
