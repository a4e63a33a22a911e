"""How the region buys care, in the browser: a controller reads the tariff harmonisation and the
outcome indicators of the generated month and finds every figure of the screen in the Excel files;
a scores file with mistakes is refused naming each one and a good one is applied (read back
through the payments API); finance settles a closed quarter's outcome clause, whose bonus is then
due in payments (API), and a second settlement is refused by its rule. axe-core on every page."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

import httpx
from openpyxl import load_workbook
from playwright.sync_api import expect

from services.web.formatting import euro

CONTROLLER = {"Authorization": "Bearer demo-staff-controller"}
FINANCE = {"Authorization": "Bearer demo-staff-financien"}
HEADER = "aanbieder;product;periode;tevredenheid;doelrealisatie;respondenten\n"
GOOD = HEADER + "98000003;;2026-K1;;76;30\n"
TARIFF_COLUMNS = {"Laagste": "laagste", "Mediaan": "mediaan", "Hoogste": "hoogste", "Regiotarief": "regiotarief",
                  "Goedgekeurd": "goedgekeurd", "Tegen regiotarief": "tegen regiotarief", "Verschil": "verschil"}


def table_rows(table: Any) -> list[dict[str, str]]:
    """Each body row as {column heading: the cell's first line} (a muted note under it left out)."""
    headings = table.locator("thead").get_by_role("columnheader").all_inner_texts()
    rows = []
    for row in table.locator("tbody").get_by_role("row").all():
        cells = [row.get_by_role("rowheader").inner_text(), *row.get_by_role("cell").all_inner_texts()]
        rows.append(dict(zip(headings, ((c.strip().splitlines() or [""])[0] for c in cells), strict=True)))
    return rows


def downloaded_sheet(page: Any, link: str, tmp_path: Any) -> list[dict[str, Any]]:
    with page.expect_download() as download:
        page.get_by_role("link", name=link).click()
    saved = tmp_path / download.value.suggested_filename
    download.value.save_as(saved)
    sheet = load_workbook(saved).worksheets[0]
    header = [cell.value for cell in sheet[1]]
    return [dict(zip(header, values, strict=True)) for values in sheet.iter_rows(min_row=2, values_only=True)]


def money(value: Any) -> str:
    return euro(int(Decimal(str(value)) * 100))


def test_a_controller_finds_the_tariff_and_outcome_figures_of_the_screen_in_the_excel_files(visit, tmp_path):
    visit.sign_in("controller")
    page = visit.page
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Tarieven").click()
    page.get_by_label("Maand", exact=True).select_option(label="maart")
    page.get_by_label("Jaar", exact=True).select_option("2026")
    page.get_by_role("button", name="Tonen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Tariefharmonisatie maart 2026")
    expect(page.get_by_role("img", name=re.compile(r"^3 tarieven van € 78,50 tot € 82,40 per uur"))).to_be_visible()
    visit.check("region-tariffs")
    on_screen = {r["Product"]: [r[c] for c in TARIFF_COLUMNS] for r in table_rows(
        page.get_by_role("table", name="Tarieven per product in maart 2026 en de maand tegen het regiotarief"))}
    assert "Ambulante jeugdhulp individueel" in on_screen and any(v[4] != "€ 0,00" for v in on_screen.values())
    in_file = {r["product"]: [money(r[c]) for c in TARIFF_COLUMNS.values()]
               for r in downloaded_sheet(page, "Tariefharmonisatie downloaden als Excel", tmp_path) if r["product"] != "totaal"}
    assert in_file == on_screen

    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Uitkomsten").click()
    page.get_by_label("Jaar", exact=True).select_option("2026")
    page.get_by_role("button", name="Tonen").click()
    table = page.get_by_role("table", name="Uitval, duur en heraanmelding per aanbieder en product, 2026")
    visit.check("region-outcomes")
    on_screen_outcomes = {(r["Aanbieder"], r["Product"]): (r["Beëindigd"], r["Uitval"], r["Duur in dagen"])
                          for r in table_rows(table)}
    assert any(not dropouts.startswith("0 ") for _, dropouts, _ in on_screen_outcomes.values())  # early stops
    in_file_outcomes = {(r["aanbieder"], r["product"] or "zonder productcode"): (
        str(r["beëindigingen"]), f"{r['uitval']} ({_percent(r['uitval (%)'])})",
        f"gemiddeld {r['gemiddelde duur (dagen)']}, mediaan {r['mediane duur (dagen)']}")
        for r in downloaded_sheet(page, "Uitkomsten downloaden als Excel", tmp_path)}
    assert in_file_outcomes == on_screen_outcomes

    table.get_by_role("link").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile(r"^Trajecten 2026: "))
    clients = page.get_by_role("table").locator("tbody tr td:nth-child(2)").all_inner_texts()
    assert clients and all(re.fullmatch(r"P[A-Z2-7]{16}", c.strip()) for c in clients)  # a pseudonym, never a BSN
    visit.check("region-outcome-cases")


def test_a_controller_reads_the_lots_and_the_main_contractors(visit):
    visit.sign_in("controller")
    page = visit.page
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Percelen").click()
    lots = page.get_by_role("table", name=re.compile("^Budgetuitputting per perceel in 2026"))
    expect(lots.get_by_role("rowheader")).to_have_count(3)
    expect(lots.get_by_role("img").first).to_have_attribute("aria-label", re.compile(r"^Prognose \d+ % van het budget"))
    visit.check("region-lots")
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Hoofdaannemers").click()
    expect(page.get_by_role("heading", level=2, name="De Vechtstroom Jeugdhulp")).to_be_visible()
    visit.check("region-contractors")


def _percent(tenths: Any) -> str:
    return "–" if tenths is None else f"{Decimal(str(tenths)):.1f} %".replace(".", ",")


def test_a_scores_file_with_mistakes_is_refused_naming_each_and_a_good_one_is_applied(visit):
    visit.sign_in("controller")
    page = visit.page
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Uitkomsten").click()
    page.get_by_role("link", name="Een scorebestand inlezen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Scores inlezen")
    bad = HEADER + "98000099;;2026-K1;7,8;;10\n98000003;;2026-K5;;120;0\n"
    page.get_by_label("Scorebestand (CSV)").set_input_files(
        files=[{"name": "scores-fout.csv", "mimeType": "text/csv", "buffer": bad.encode()}])
    page.get_by_role("button", name="Bestand inlezen").click()
    expect(page.get_by_role("alert")).to_contain_text("Het bestand is geweigerd: 4 problemen")
    problems = table_rows(page.get_by_role("table", name="Problemen in scores-fout.csv, per regel en kolom"))
    assert [(p["Regel"], p["Kolom"], p["Waarde in het bestand"]) for p in problems] == [
        ("2", "aanbieder", "98000099"), ("3", "periode", "2026-K5"), ("3", "doelrealisatie", "120"),
        ("3", "respondenten", "0")]
    assert problems[0]["Probleem"].startswith("Dit is geen aanbieder van de regio.")
    visit.check("region-scores-refused")
    assert _scores(visit) == []  # nothing of the refused file was applied

    page.get_by_label("Scorebestand (CSV)").set_input_files(
        files=[{"name": "scores-k1.csv", "mimeType": "text/csv", "buffer": GOOD.encode()}])
    page.get_by_role("button", name="Bestand inlezen").click()
    expect(page.get_by_role("status")).to_have_text(re.compile("Het scorebestand is ingelezen: 1 regel over 1e kwartaal"))
    expect(page.get_by_role("table", name=re.compile("^Scores over 1e kwartaal 2026")).get_by_role("row").last).to_have_text(
        re.compile(r"Sallandse Zorgboerderij\s*alle zorg van de aanbieder\s*–\s*76,0 %\s*30"))
    visit.check("region-scores-imported")
    assert [(s["provider"], s["goal attainment"], s["respondents"]) for s in _scores(visit)] == [("98000003", 760, 30)]


def _scores(visit: Any) -> list[dict[str, Any]]:
    answer = httpx.get(f"{visit.base_url}/payments/v1/outcomes/scores", params={"period": "2026-K1"}, headers=CONTROLLER)
    assert answer.status_code == 200, answer.text
    return answer.json()["rows"]


def test_finance_settles_a_closed_quarter_whose_bonus_is_due_and_cannot_settle_it_twice(visit):
    imported = httpx.post(f"{visit.base_url}/payments/v1/outcomes/scores", content=GOOD.encode(),
                          headers={**FINANCE, "Content-Type": "text/csv"})
    assert imported.status_code == 201, imported.text  # the same figures as the controller's file: a correction
    visit.sign_in("financien")
    page = visit.page
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Uitkomstafspraken").click()
    page.get_by_label("Periode", exact=True).select_option(label="1e kwartaal 2026")
    page.get_by_role("button", name="Afspraken afrekenen").click()
    expect(page.get_by_role("status")).to_contain_text("De uitkomstafspraken over 1e kwartaal 2026 zijn afgerekend")
    row = page.get_by_role("table", name=re.compile("^Afgerekende uitkomstafspraken over 2026")).get_by_role(
        "row", name=re.compile("Sallandse Zorgboerderij"))
    expect(row).to_contain_text("bonus € 1.000,00")
    expect(row).to_contain_text("openstaand: gaat mee in de volgende betaalronde")
    visit.check("region-settled")
    items = httpx.get(f"{visit.base_url}/payments/v1/items", headers=FINANCE).json()
    assert [(i["kind"], i["amount"], i["status"], i["provider"]) for i in items
            if i["item_id"] == "outcome-98000003-doelrealisatie-2026-K1"] == [("bonus", 100000, "due", "98000003")]

    page.get_by_label("Periode", exact=True).select_option(label="1e kwartaal 2026")
    page.get_by_role("button", name="Afspraken afrekenen").click()
    expect(page.get_by_role("alert")).to_contain_text("Deze periode is al afgerekend")
    expect(page.get_by_role("alert")).to_contain_text("HF-OUTCOME-SETTLED")
    visit.check("region-settled-twice")
    again = httpx.get(f"{visit.base_url}/payments/v1/items", headers=FINANCE).json()
    assert sum(1 for i in again if i["item_id"].startswith("outcome-")) == 1
