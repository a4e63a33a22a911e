"""A controller's task in the browser: read a municipality's budget exhaustion, chart and table,
download it as Excel, and find in the file the figures the screen showed; then the ceilings and
the referrals. Every page passes axe-core."""

from __future__ import annotations

import re
from decimal import Decimal

from openpyxl import load_workbook
from playwright.sync_api import expect

from services.web.formatting import euro

COLUMNS = ("Budget", "Gerealiseerd", "Verplicht", "Prognose")
XLSX_COLUMNS = ("budget", "gerealiseerd", "verplicht", "prognose")


def test_a_controller_downloads_the_budget_as_excel_and_finds_the_figures_of_the_screen(visit, tmp_path):
    visit.sign_in("controller")
    page = visit.page
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Budgetuitputting").click()
    page.get_by_label("Gemeente", exact=True).select_option(label="Zwolle")
    page.get_by_label("Jaar", exact=True).select_option("2026")
    page.get_by_role("button", name="Tonen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Budgetuitputting Zwolle 2026")
    expect(page.get_by_role("img", name=re.compile(r"^Prognose per maand tegen het budget: Jeugd-ggz, Zwolle"))).to_be_visible()
    visit.check("budget")
    table = page.get_by_role("table", name="Budgetuitputting per perceel, Zwolle 2026")
    headings = table.get_by_role("columnheader").all_inner_texts()
    on_screen = {}
    for row in table.get_by_role("row").all()[1:]:
        cells = row.get_by_role("cell").all_inner_texts()
        name = row.get_by_role("rowheader").inner_text()
        on_screen[name] = [cells[headings.index(c) - 1] for c in COLUMNS]
    assert set(on_screen) == {"Jeugd- en opvoedhulp", "Jeugd-ggz", "Jeugdhulp bij een beperking"}

    with page.expect_download() as download:
        page.get_by_role("link", name="Budgetuitputting downloaden als Excel").click()
    saved = tmp_path / download.value.suggested_filename
    download.value.save_as(saved)
    assert saved.name == "budgetuitputting-zwolle-2026.xlsx"
    sheet = load_workbook(saved).worksheets[0]
    header = [cell.value for cell in sheet[1]]
    in_file = {}
    for values in sheet.iter_rows(min_row=2, values_only=True):
        row = dict(zip(header, values, strict=True))
        in_file[row["perceel"]] = [euro(int(Decimal(str(row[c])) * 100)) for c in XLSX_COLUMNS]
    assert in_file == on_screen


def test_a_controller_sees_the_ceilings_against_their_thresholds_and_the_referrals(visit):
    visit.sign_in("controller")
    page = visit.page
    page.get_by_role("link", name="Budgetplafonds").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile(r"^Budgetplafonds \d{4}$"))
    table = page.get_by_role("table", name=re.compile("^Gebruik van de budgetplafonds per aanbieder"))
    expect(table.get_by_role("rowheader").first).to_contain_text("contract")
    expect(table.get_by_role("img").first).to_have_attribute("aria-label", re.compile(r"% van het plafond gebruikt"))
    visit.check("ceilings")
    page.get_by_role("link", name="Verwijzingen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile(r"^Verwijzingen \d{4}$"))
    visit.check("referrals")
