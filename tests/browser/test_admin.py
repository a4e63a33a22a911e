"""An admin's tasks in the browser: upload a broken region file and read each problem named at its
line; upload a valid changed one, check what it would change, confirm, and the new user it adds
signs in through the gateway's API; then find that user among the staff users and sign them out
everywhere, after which their session is refused. Every page passes axe-core."""

from __future__ import annotations

import re
from pathlib import Path

import httpx
from playwright.sync_api import expect

REGION = Path(__file__).resolve().parents[2] / "examples" / "regions" / "ijsselland.toml"
NEW_USER = ('\n[[staff]]\nusername = "toegang.kampen"\nroles = ["access"]\nmunicipalities = ["0166"]\n'
            'password = "{password}"\n')
PASSWORD = "Hanzestad-aan-de-IJssel-1227"


def test_an_admin_sees_each_problem_of_a_broken_region_file_then_loads_a_valid_one(visit, tmp_path):
    visit.sign_in("beheer")
    page = visit.page
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Regiobestand").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Regiobestand laden")
    visit.check("admin-region")

    text = REGION.read_text()
    broken = tmp_path / "kapot.toml"
    broken.write_text(text.replace('code = "0148"', 'code = "148"').replace('name = "Zwolle"', 'name = "Zwolle"\nnaam = 1')
                      + NEW_USER.format(password="kampen"))
    page.get_by_label("Regiobestand (TOML)").set_input_files(broken)
    page.get_by_role("button", name="Bestand controleren").click()
    report = page.get_by_role("table", name="Validatierapport van kapot.toml")
    rows = report.get_by_role("row").all()[1:]
    assert [row.get_by_role("cell").first.inner_text() for row in rows] == [
        str(line_of(broken, "naam = 1")), str(line_of(broken, 'code = "148"')), str(line_of(broken, 'password = "kampen"'))]
    expect(rows[0]).to_contain_text("kent een regiobestand niet")
    expect(rows[1]).to_contain_text("vier cijfers: de CBS-gemeentecode")
    expect(rows[2]).to_contain_text("12 tot 128 tekens")
    visit.check("admin-region-report")

    valid = tmp_path / "regio.toml"
    valid.write_text(text + NEW_USER.format(password=PASSWORD))
    page.get_by_label("Regiobestand (TOML)").set_input_files(valid)
    page.get_by_role("button", name="Bestand controleren").click()
    users = page.get_by_role("table", name="Gebruikers")
    expect(users.get_by_role("rowheader")).to_have_text(["toegang.kampen"])
    expect(users).to_contain_text("nieuw wachtwoord")
    visit.check("admin-region-preview")
    page.get_by_role("button", name="Bevestig: laad dit regiobestand").click()
    expect(page.get_by_role("status")).to_contain_text("Het regiobestand is geladen")
    expect(page.get_by_text(re.compile("door beheer"))).to_be_visible()
    visit.check("admin-region-loaded")

    signed_in = httpx.post(f"{visit.base_url}/auth/login", json={"username": "toegang.kampen", "password": PASSWORD})
    assert signed_in.status_code == 200 and signed_in.json()["municipalities"] == ["0166"]


def test_an_admin_finds_a_user_by_role_and_municipality_and_signs_them_out_everywhere(visit):
    session = httpx.Client(base_url=visit.base_url)
    assert session.post("/auth/login", json={"username": "toegang.deventer",
                                             "password": "demo-bergkerk-2026"}).status_code == 200
    visit.served.settle()
    visit.sign_in("beheer")
    page = visit.page
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Gebruikers").click()
    page.get_by_label("Rol").select_option(label="toegangsteam")
    page.get_by_label("Gemeente").select_option(label="Deventer")
    page.get_by_role("button", name="Filteren").click()
    table = page.get_by_role("table", name=re.compile("^1 gebruiker met de rol toegangsteam in Deventer"))
    visit.check("admin-users")
    table.get_by_role("link", name="toegang.deventer").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Gebruiker toegang.deventer")
    visit.check("admin-user")
    page.get_by_role("button", name="Overal afmelden").click()
    expect(page.get_by_role("status")).to_contain_text("toegang.deventer is overal afgemeld")
    visit.served.settle()
    assert session.get("/auth/me").status_code == 401
    session.close()


def line_of(path: Path, fragment: str) -> int:
    return next(n for n, line in enumerate(path.read_text().splitlines(), 1) if fragment in line)
