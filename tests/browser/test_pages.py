"""Every page of the workbench, for every role that sees it, passes axe-core (WCAG 2.1 AA) and
shows only that role's screens; /docs and /redoc work without any outside request."""

from __future__ import annotations

import re

from playwright.sync_api import expect


def test_the_sign_in_page_and_its_errors_are_accessible(visit):
    page = visit.goto("/", "sign-in")  # signed out: the home page sends you to sign in
    expect(page.get_by_role("heading", level=1)).to_have_text("Aanmelden")
    page.get_by_role("textbox", name="Gebruikersnaam").fill("financien")
    page.get_by_label("Wachtwoord").fill("not-the-password")
    page.get_by_role("button", name="Aanmelden").click()
    expect(page.get_by_role("alert")).to_contain_text("De gebruikersnaam of het wachtwoord klopt niet.")
    expect(page.get_by_label("Wachtwoord")).to_have_attribute("aria-invalid", "true")
    visit.check("sign-in-wrong-password")


def test_finance_sees_the_queue_its_home_page_and_a_held_line(visit):
    visit.sign_in("financien")
    page = visit.page
    visit.check("home-finance")
    expect(page.get_by_role("heading", name="Vastgehouden declaratieregels")).to_be_visible()
    expect(page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link")).to_have_text(
        ["Overzicht", "Wachtrij declaraties", "Declaraties zoeken", "Betaalrondes", "Bankafschriften", "Voorschotten",
         "Vaste bedragen", "Uitkomstafspraken"])
    page.get_by_role("link", name="Wachtrij declaraties").click()
    visit.check("queue")
    page.get_by_label("Bedrag vanaf (€)").fill("twaalf euro")
    page.get_by_role("button", name="Zoeken").click()
    expect(page.get_by_role("alert")).to_contain_text("Vul het bedrag vanaf in euro's in")
    visit.check("queue-filter-error")
    page.get_by_role("link", name="Alle filters wissen").click()
    page.get_by_role("table").get_by_role("link").first.click()
    expect(page.get_by_role("heading", name="Gedeclareerd en waarmee vergeleken")).to_be_visible()
    visit.check("held-line")


def test_a_controller_and_an_access_team_member_see_their_own_home_page_only(visit):
    visit.sign_in("controller")
    page = visit.page
    visit.check("home-controller")
    expect(page.get_by_role("heading", name=re.compile("Budgetplafonds"))).to_be_visible()
    expect(page.get_by_role("link", name="Wachtrij declaraties")).to_have_count(0)
    page.get_by_role("button", name="Afmelden").click()
    expect(page.get_by_role("status")).to_have_text("U bent afgemeld.")
    visit.sign_in("toegang.zwolle")
    visit.check("home-access")
    expect(page.get_by_role("heading", name="Verzoeken die op antwoord wachten")).to_be_visible()
    visit.goto("/wachtrij", "not-allowed")
    expect(page.get_by_role("heading", level=1)).to_have_text("Geen toegang")
    visit.goto("/bestaat-niet", "not-found")
    expect(page.get_by_role("heading", level=1)).to_have_text("Niet gevonden")


def test_the_api_documentation_works_without_a_cdn(visit):
    page = visit.page
    page.goto(visit.base_url + "/docs")
    expect(page.get_by_role("heading", name=re.compile("^happyflow"))).to_be_visible()
    expect(page.get_by_text("/invoicing/v1/queue", exact=True).first).to_be_visible()
    page.screenshot(path=str(visit_screenshot("docs")), full_page=False)
    page.goto(visit.base_url + "/redoc")
    # ReDoc renders the whole document (every service's operations) in the page before its first
    # heading shows: seconds on a loaded 2-core machine, past Playwright's 5 s default.
    expect(page.get_by_role("heading", name=re.compile("^happyflow")).first).to_be_visible(timeout=30_000)
    page.screenshot(path=str(visit_screenshot("redoc")), full_page=False)


def visit_screenshot(name: str):  # type: ignore[no-untyped-def]
    from tests.browser.conftest import SCREENSHOTS

    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS / f"{name}.png"
