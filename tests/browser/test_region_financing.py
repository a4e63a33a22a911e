"""The region's financing in the browser (issue 17): finance books the lump-sum periods begun and
finds them in the next payment run (checked through the payments API); a controller reads the
ledger and the equalisation as of a chosen day and downloads the Excel file, whose figures are
the screen's. Every page passes axe-core."""

from __future__ import annotations

import re
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import httpx
from openpyxl import load_workbook
from playwright.sync_api import expect

from services.web.formatting import MONTHS, basis_points, euro, long_date
from shared.clock import SystemClock
from tests.browser.conftest import FINANCE

SCHEDULE, LUMP = "linde-beschikbaarheid-2026", 4500000


def test_finance_books_the_lump_sum_periods_begun_and_the_next_run_pays_them(visit, served):
    visit.sign_in("financien")
    page = visit.page
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Vaste bedragen").click()
    page.get_by_label("Jaar", exact=True).select_option("2026")
    page.get_by_role("button", name="Tonen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Vaste bedragen 2026")
    expect(page.get_by_role("heading", name=f"Gezinshuis De Linde: {SCHEDULE}")).to_be_visible()
    visit.check("lump-sums")
    page.get_by_label("Perioden inplannen die begonnen zijn op of vóór").fill("2026-03-01")
    page.get_by_role("button", name="Inplannen").click()
    expect(page.get_by_role("status")).to_contain_text("3 perioden met een vast bedrag zijn ingepland")
    visit.check("lump-sums-scheduled")

    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Betaalrondes").click()
    page.get_by_label("Alles wat vervalt tot en met").fill("31-03-2026")
    page.get_by_role("button", name="Betaalronde aanmaken").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Betaalronde tot en met 31 maart 2026")
    run = httpx.get(f"{served.base_url}/payments/v1/runs/{page.url.rsplit('/', 1)[1]}", headers=FINANCE).json()
    assert sorted(i["item_id"] for i in run["items"] if i["kind"] == "lumpsum") == [
        f"lumpsum:{SCHEDULE}:2026-0{m}-01" for m in (1, 2, 3)]
    assert {t["provider"]: t["amount"] for t in run["transfers"]}["98000006"] == 3 * LUMP
    visit.check("lump-sums-in-a-run")


def cells(table: Any) -> dict[str, list[str]]:
    """Row heading → the texts of its other cells, read in one call (the months are 132 rows)."""
    rows = table.locator("tbody tr").evaluate_all(
        "rows => rows.map(r => Array.from(r.cells, c => c.innerText.trim()))")
    return {row[0]: row[1:] for row in rows}


def settlement(cents: int) -> str:
    return f"ontvangt {euro(cents)}" if cents > 0 else f"betaalt bij {euro(-cents)}" if cents < 0 else "niets"


def in_file(sheet: Any) -> list[dict[str, Any]]:
    header = [cell.value for cell in sheet[1]]
    return [dict(zip(header, values, strict=True)) for values in sheet.iter_rows(min_row=2, values_only=True)]


def cents(value: Any) -> int:
    return int(Decimal(str(value)) * 100)


def test_a_controller_reads_the_equalisation_as_of_a_day_and_the_excel_file_says_the_same(visit, tmp_path):
    today = SystemClock().today()
    visit.sign_in("controller")
    page = visit.page
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Grootboek en verevening").click()
    page.get_by_label("Jaar", exact=True).select_option("2026")
    page.get_by_label("Peildatum (leeg: vandaag)").fill(today.isoformat())
    page.get_by_role("button", name="Tonen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Grootboek en verevening 2026")
    equalisation = page.get_by_role("table", name=f"Verevening 2026 per gemeente, stand op {long_date(today)}")
    months = page.get_by_role("table", name=re.compile("^Bijdragen en uitgaven per gemeente en maand"))
    on_screen, months_on_screen = cells(equalisation), cells(months)
    assert len(on_screen) == 11 and any(row[1] != euro(0) for row in on_screen.values())  # spending is there
    visit.check("ledger")

    with page.expect_download() as download:
        page.get_by_role("link", name="Grootboek en verevening downloaden als Excel").click()
    saved = tmp_path / download.value.suggested_filename
    download.value.save_as(saved)
    ledger_sheet, equalisation_sheet = load_workbook(saved).worksheets
    assert equalisation_sheet.title == f"verevening 2026 per {today.isoformat()}"
    assert {r["gemeente"]: [euro(cents(r["bijdragen"])), euro(cents(r["uitgaven"])),
                            basis_points(cents(r["verdeelsleutel (%)"])), euro(cents(r["aandeel in de kosten"])),
                            euro(cents(r["verevening"])), settlement(cents(r["afrekening"]))]
            for r in in_file(equalisation_sheet)} == on_screen
    assert {f"{r['gemeente']}, {MONTHS[r['maand'].month - 1]} {r['maand'].year}": [
        euro(cents(r[c])) for c in ("bijdragen", "zorg", "vaste bedragen", "pgb (SVB)", "saldo")]
            for r in in_file(ledger_sheet)} == months_on_screen

    page.get_by_label("Peildatum (leeg: vandaag)").fill((today - timedelta(days=1)).isoformat())
    page.get_by_role("button", name="Tonen").click()
    before = cells(page.get_by_role("table", name=re.compile("^Verevening 2026 per gemeente, stand op")))
    assert {row[1] for row in before.values()} == {euro(0)}  # nothing was booked before today
