"""Reports for controllers and finance, scoped to their municipalities, as JSON, CSV and XLSX."""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal

from openpyxl import load_workbook

from tests.integration.payments.conftest import (
    ACCESS_ZWOLLE, CONTROLLER, CONTROLLER_ZWOLLE, FINANCE, TODAY, allocation, line, publish_allocation,
    publish_settled, settled,
)

BUDGET = "/payments/v1/reports/budget"
LUMP_SUMS = 12 * 4500000 // 4
"""Committed beside the allocations in Zwolle's youth care of 2026: its 25 % of the demo's lump sum
for De Linde (98000006), twelve periods not booked yet."""


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
    assert row["committed"] == months_left * 8 * 7850 + LUMP_SUMS
    assert row["forecast"] == row["realised"] + row["committed"]


async def test_a_total_allocation_commits_what_its_approved_lines_left(region):
    runtime, client = region
    await publish_allocation(runtime, allocation(300201, frequency="6", volume=100))
    await publish_settled(runtime, settled("98000001", "0193", [line("A1", 40 * 7850, volume=40)]))
    report = (await client.get(BUDGET, params={"year": 2026, "municipality": "0193"}, headers=CONTROLLER)).json()
    row = row_of(report, **{"budget line": "jeugd-opvoedhulp"})
    assert (row["realised"], row["committed"]) == (40 * 7850, (60 * 7850 if TODAY.year == 2026 else 0) + LUMP_SUMS)


async def test_reports_export_as_csv_and_xlsx_with_their_content_types(region):
    runtime, client = region
    await publish_settled(runtime, settled("98000001", "0193", [line("A1", 123456, date(2026, 3, 1))]))
    params = {"year": 2026, "municipality": "0193"}
    csv = await client.get(BUDGET, params={**params, "format": "csv"}, headers=CONTROLLER)
    assert csv.headers["content-type"] == "text/csv; charset=utf-8"
    assert 'filename="budgetuitputting-zwolle-2026.csv"' in csv.headers["content-disposition"]
    header, *rows = csv.content.decode("utf-8-sig").splitlines()
    assert header.startswith("gemeentecode;gemeente;jaar;percelcode;perceel;budget;gerealiseerd")
    assert any(r.startswith("0193;Zwolle;2026;jeugd-opvoedhulp;Jeugd- en opvoedhulp;16200000,00;1234,56;")
               for r in rows)
    xlsx = await client.get(BUDGET, params={**params, "format": "xlsx"}, headers=FINANCE)
    assert xlsx.headers["content-type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    workbook = load_workbook(io.BytesIO(xlsx.content))
    assert workbook.sheetnames == ["budgetuitputting Zwolle 2026", "budget per maand Zwolle 2026"]
    figures = {row[4]: row[6] for row in workbook.worksheets[0].iter_rows(min_row=2, values_only=True)}
    assert Decimal(str(figures["Jeugd- en opvoedhulp"])) == Decimal("1234.56")


async def test_reports_name_municipalities_budget_lines_and_providers(region):
    """The region file names the budget lines (percelen); municipalities and providers have
    their names from it too."""
    runtime, client = region
    report = (await client.get(BUDGET, params={"year": 2026}, headers=CONTROLLER)).json()
    assert {(r["municipality name"], r["budget line name"]) for r in report["rows"]} >= {
        ("Zwolle", "Jeugd- en opvoedhulp"), ("Deventer", "Jeugd-ggz"), ("Kampen", "Jeugdhulp bij een beperking")}
    assert {r["budget line name"] for r in report["sheets"][0]["rows"]} == {
        "Jeugd- en opvoedhulp", "Jeugd-ggz", "Jeugdhulp bij een beperking"}
    ceilings = (await client.get("/payments/v1/reports/ceilings", params={"year": 2026}, headers=CONTROLLER)).json()
    assert row_of(ceilings, provider="98000001")["provider name"] == "De Vechtstroom Jeugdhulp"


async def test_the_ceiling_report_gives_each_ceilings_thresholds_and_the_highest_one_reached(region):
    runtime, client = region
    url = "/payments/v1/reports/ceilings"
    before = row_of((await client.get(url, params={"year": 2026}, headers=CONTROLLER)).json(), provider="98000005")
    assert (before["warn at"], before["threshold reached"]) == ("70, 95", None)
    ceiling = before["ceiling"]
    await publish_settled(runtime, settled("98000005", "0193", [
        line("D1", ceiling * 95 // 100 - 1, code="54D01")]))  # just under 95 % (rounds to 95)
    below = row_of((await client.get(url, params={"year": 2026}, headers=CONTROLLER)).json(), provider="98000005")
    assert (below["used %"], below["threshold reached"], below["state"]) == (95, 70, "warning")
    await publish_settled(runtime, settled("98000005", "0193", [line("D2", ceiling, code="54D01")]))
    over = row_of((await client.get(url, params={"year": 2026}, headers=CONTROLLER)).json(), provider="98000005")
    assert (over["threshold reached"], over["state"]) == (100, "op rood")


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
