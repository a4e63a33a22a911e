"""The controllers' screens in process: budget exhaustion with a chart and table per budget line,
ceilings against their thresholds, referrals per municipality, and every table as a download
the payments service made, for this user's municipalities only."""

from __future__ import annotations

import io
import re
from datetime import date
from decimal import Decimal

from openpyxl import load_workbook

from services.gateway.handlers.parties import StaffSpec, register_staff
from shared.auth.principal import Role
from tests.integration.payments.conftest import (  # noqa: F401 (fixture)
    allocation, line, publish_allocation, publish_settled, region, settled,
)
from tests.integration.web.test_workbench import HTML, signed_in
from tests.support.embedded import settle

ZWOLLE_PASSWORD = "demo-hanzestad-cijfers-2026"


async def test_the_budget_page_shows_every_budget_line_by_name_with_a_chart_and_its_months(region):
    runtime, client = region
    await publish_settled(runtime, settled("98000001", "0193", [line("A1", 123456, date(2026, 3, 1))]))
    await signed_in(runtime, client, "controller")
    page = (await client.get("/budget?gemeente=0193&jaar=2026", headers=HTML)).text
    assert "<h1 class=\"utrecht-heading-1\">Budgetuitputting Zwolle 2026</h1>" in page
    for name, budget in (("Jeugd- en opvoedhulp", "€ 16.200.000,00"), ("Jeugd-ggz", "€ 10.800.000,00"),
                         ("Jeugdhulp bij een beperking", "€ 8.100.000,00")):
        assert f">{name}</h2>" in page and f"Budget {budget}" in page
    assert "jeugd-opvoedhulp</" not in page  # the name, never the code
    charts = re.findall(r'<svg class="wb-chart"[^>]*role="img" aria-labelledby="([^"]+)" aria-describedby="([^"]+)"', page)
    assert len(charts) == 3
    for title, description in charts:
        assert f'<title id="{title}">' in page and f'<desc id="{description}">' in page
    opvoedhulp = page[page.index(">Jeugd- en opvoedhulp</h2>"):]
    march = re.search(r">maart 2026</th>(.*?)</tr>", opvoedhulp, re.S).group(1)  # type: ignore[union-attr]
    # Committed in March: Zwolle's 25 % of De Linde's lump sum of €45.000, a period not booked yet.
    assert re.findall(r">(€ [\d.,]+|-€ [\d.,]+)<", march)[:3] == ["€ 1.234,56", "€ 11.250,00", "€ 1.234,56"]
    assert "gerealiseerd € 1.234,56" in opvoedhulp[:opvoedhulp.index("</desc>")]


async def test_the_budget_page_answers_not_found_for_a_municipality_that_is_not_yours(region):
    runtime, client = region
    await register_staff(runtime.container("gateway").context, StaffSpec(
        "controller.zwolle", (Role.CONTROLLER,), ("0193",), ZWOLLE_PASSWORD))
    await settle(runtime)
    await signed_in(runtime, client, "controller.zwolle", ZWOLLE_PASSWORD)
    assert (await client.get("/budget?gemeente=0150", headers=HTML)).status_code == 404
    own = await client.get("/budget", headers=HTML)
    assert own.status_code == 200 and "Budgetuitputting Zwolle" in own.text and ">Deventer<" not in own.text


async def test_the_ceiling_page_shows_usage_against_the_thresholds_and_op_rood(region):
    runtime, client = region
    await publish_settled(runtime, settled("98000005", "0193", [line("D1", 850_000_00, code="54D01")]))
    await signed_in(runtime, client, "controller")
    page = (await client.get("/plafonds?jaar=2026", headers=HTML)).text
    first = page.index("<tbody")
    assert page.index("Dyslexiecentrum Noordoost", first) < page.index("De Vechtstroom Jeugdhulp", first)  # fullest first
    row = page[page.index("Dyslexiecentrum Noordoost", first):page.index("</tr>", page.index("Dyslexiecentrum", first))]
    assert "€ 800.000,00" in row and "(106 %)" in row and "op rood" in row and "grenzen: 70 %, 95 % en 100 %" in row
    assert 'role="img" aria-label="106 % van het plafond gebruikt: goedgekeurd € 850.000,00' in row
    assert "binnen de signaalgrenzen" in page


async def test_referrals_are_counted_per_municipality_and_referrer_type(region):
    runtime, client = region
    for number, referrer in ((1, "02"), (2, "02"), (3, "01")):
        await publish_allocation(runtime, allocation(number, referrer))
    await publish_allocation(runtime, allocation(4, "03", municipality="0150"))
    await signed_in(runtime, client, "controller")
    page = (await client.get("/verwijzingen?jaar=2026", headers=HTML)).text
    headings = re.findall(r'scope="col">([^<]+)</th>', page)
    assert headings == ["Gemeente", "gemeente", "huisarts", "jeugdarts", "Totaal"]
    zwolle = re.search(r'scope="row">Zwolle</th>(.*?)</tr>', page, re.S).group(1)  # type: ignore[union-attr]
    assert re.sub(r"<[^>]+>|\s+", " ", zwolle).split() == ["1", "(33", "%)", "2", "(67", "%)", "0", "3"]


async def test_a_controller_downloads_the_budget_as_the_service_exports_it(region):
    runtime, client = region
    await publish_settled(runtime, settled("98000001", "0193", [line("A1", 123456, date(2026, 3, 1))]))
    await signed_in(runtime, client, "controller")
    page = (await client.get("/budget?gemeente=0193&jaar=2026", headers=HTML)).text
    link = re.search(r'href="([^"]+)" download>Budgetuitputting downloaden als Excel', page).group(1)  # type: ignore[union-attr]
    xlsx = await client.get(link.replace("&amp;", "&"))
    assert xlsx.status_code == 200 and 'filename="budgetuitputting-zwolle-2026.xlsx"' in xlsx.headers["content-disposition"]
    sheet = load_workbook(io.BytesIO(xlsx.content)).worksheets[0]
    realised = {row[4]: Decimal(str(row[6])) for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert realised["Jeugd- en opvoedhulp"] == Decimal("1234.56")
    csv = await client.get("/download/budget-per-maand.csv?jaar=2026&gemeente=0193")
    assert csv.content.startswith(b"\xef\xbb\xbf") and ";maart 2026;" not in csv.text
    assert "0193;Zwolle;jeugd-opvoedhulp;Jeugd- en opvoedhulp;2026-03;1234,56;" in csv.text


async def test_downloads_follow_the_services_rules(region):
    runtime, client = region
    assert (await client.get("/download/plafonds.csv?jaar=2026")).headers["location"].startswith("/aanmelden")
    await signed_in(runtime, client, "toegang.zwolle")
    assert (await client.get("/download/plafonds.xlsx?jaar=2026", headers=HTML)).status_code == 403
    assert (await client.get("/budget", headers=HTML)).status_code == 403
    await signed_in(runtime, client, "controller")
    assert (await client.get("/download/boekhouding.csv", headers=HTML)).status_code == 404
    assert (await client.get("/download/plafonds.pdf", headers=HTML)).status_code == 404


async def test_the_controller_sees_the_report_screens_in_the_menu(region):
    runtime, client = region
    await signed_in(runtime, client, "controller")
    home = (await client.get("/", headers=HTML)).text
    assert all(f'href="{path}"' in home for path in ("/budget", "/plafonds", "/verwijzingen"))
