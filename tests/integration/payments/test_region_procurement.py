"""Issue 17 through the payments API on the demo region: spending per main contractor and
subcontractor, exhaustion per lot, tariff harmonisation, as JSON and CSV; payments on SQLite and
on PostgreSQL."""

from __future__ import annotations

from datetime import date

import pytest

from tests.integration.payments.conftest import (
    CONTROLLER, CONTROLLER_ZWOLLE, allocation, line, publish_allocation, publish_settled, settled,
)
from tests.support.postgres import ON_BOTH

pytestmark = pytest.mark.parametrize("database_kind", ON_BOTH)


def rows(report: dict, **match: object) -> list[dict]:
    return [r for r in report["rows"] if all(r[k] == v for k, v in match.items())]


async def test_a_main_contractors_lines_are_its_subcontractors_care_by_the_product_the_region_gives_them(region):
    runtime, client = region
    await publish_allocation(runtime, allocation(300201))
    await publish_settled(runtime, settled("98000001", "0193", [
        line("S1", 131 * 600, code="45A03", volume=600), line("S2", 62800, volume=8)]))
    report = (await client.get("/payments/v1/reports/contractors", params={"year": 2026}, headers=CONTROLLER)).json()
    sub = rows(report, subcontractor="98100011")
    assert [(r["provider"], r["subcontractor name"], r["realised"]) for r in sub] == [
        ("98000001", "Gezinscoaching Salland", 78600)]
    assert rows(report, subcontractor="98000001")[0]["realised"] == 62800
    main = report["sheets"][0]["rows"]
    assert main == [{"provider": "98000001", "provider name": "De Vechtstroom Jeugdhulp", "realised": 141400,
                     "own care": 62800, "subcontracted": 78600}]


async def test_spending_per_contractor_leaves_out_municipalities_the_caller_is_not_bound_to(region):
    runtime, client = region
    await publish_allocation(runtime, allocation(300201, municipality="0150"))
    await publish_settled(runtime, settled("98000001", "0150", [line("S1", 131 * 600, code="45A03", volume=600)]))
    report = (await client.get("/payments/v1/reports/contractors", params={"year": 2026},
                               headers=CONTROLLER_ZWOLLE)).json()
    assert report["rows"] == []


async def test_exhaustion_per_lot_sums_the_municipalities_and_names_the_contracts_of_the_lot(region):
    runtime, client = region
    await publish_allocation(runtime, allocation(300201))
    await publish_settled(runtime, settled("98000001", "0193", [line("L1", 62800, volume=8)]))
    report = (await client.get("/payments/v1/reports/lots", params={"year": 2026}, headers=CONTROLLER)).json()
    youth = rows(report, **{"budget line": "jeugd-opvoedhulp"})[0]
    assert youth["municipality count"] == 11 and youth["budget"] == 7_200_000_000 and youth["realised"] == 62800
    assert youth["contracts"] == "98000001, 98000004, 98000006"
    assert youth["budget line name"] == "Jeugd- en opvoedhulp"
    zwolle = (await client.get("/payments/v1/reports/lots", params={"year": 2026},
                               headers=CONTROLLER_ZWOLLE)).json()
    assert rows(zwolle, **{"budget line": "jeugd-opvoedhulp"})[0]["budget"] == 1_620_000_000


async def test_the_tariff_view_prices_the_month_at_the_median_or_at_the_tariff_the_region_sets(region):
    runtime, client = region
    await publish_allocation(runtime, allocation(300201))
    await publish_settled(runtime, settled("98000006", "0193", [line("T1", 8 * 8240, date(2026, 3, 1), volume=8)]))
    report = (await client.get("/payments/v1/reports/tariffs", params={"month": "2026-03-10"},
                               headers=CONTROLLER)).json()
    hour = rows(report, product="45A01")[0]
    assert (hour["tariffs"], hour["lowest"], hour["median"], hour["highest"]) == (3, 7850, 7850, 8240)
    assert (hour["approved"], hour["at regional tariff"], hour["difference"]) == (65920, 62800, -3120)
    home = rows(report, product="43A01")[0]
    assert (home["median"], home["regional tariff"], home["source"]) == (22150, 22000, "regiobestand")  # (21500 + 22800) / 2
    assert rows(report, product="totaal")[0]["difference"] == -3120
    csv = await client.get("/payments/v1/reports/tariffs", params={"month": "2026-03-10", "format": "csv"},
                           headers=CONTROLLER)
    header = csv.content.decode("utf-8-sig").splitlines()[0]
    assert header.startswith("productcode;product;eenheid;tarieven;laagste;mediaan;hoogste;regiotarief")
    assert hour["product name"] == "Ambulante jeugdhulp individueel"
