"""The controls an auditor and a controller review, as they would in the browser: the auditor
searches the audit log for a client by BSN, sees the chain is whole and downloads the log; the
controller opens the lawfulness evidence of a municipality and drills down from a total to its
lines. Each read is itself in the audit log, which the API shows (the effect outside the UI)."""

from __future__ import annotations

import httpx
from playwright.sync_api import expect

from shared.clock import SystemClock

FINANCE = {"Authorization": "Bearer demo-staff-financien"}
SECOND = {"Authorization": "Bearer demo-staff-financien2"}
AUDITOR = {"Authorization": "Bearer demo-staff-accountant"}


def paid_run(base_url: str) -> str:
    """What the month made due, with this year's advances so far, paid: a run created by one finance
    user, approved by another, exported and confirmed. Returns a municipality it paid for."""
    with httpx.Client(base_url=base_url) as api:
        today = SystemClock().today().isoformat()
        assert api.post("/payments/v1/advances/schedule", json={"up_to": today}, headers=FINANCE).status_code == 200
        created = api.post("/payments/v1/runs", json={"due_up_to": "2099-12-31"}, headers=FINANCE)
        assert created.status_code == 201, created.text
        run = created.json()
        steps = ((SECOND, "approve"), (FINANCE, "export"), (FINANCE, "confirm"))
        for headers, step in steps:
            assert api.post(f"/payments/v1/runs/{run['run_id']}/{step}", json={}, headers=headers).status_code == 200
        items = api.get(f"/payments/v1/runs/{run['run_id']}", headers=FINANCE).json()["items"]
        return items[0]["municipality"]


def logged(served, **params: str) -> list[dict]:  # type: ignore[no-untyped-def]
    """The audit log once the bus carried every entry to it (the served runtime runs no relay by itself)."""
    served.settle()
    with httpx.Client(base_url=served.base_url) as api:
        return api.get("/gateway/v1/audit", params=params, headers=AUDITOR).json()["items"]


def test_the_auditor_searches_the_log_for_a_client_and_checks_the_chain(visit, served):
    visit.sign_in("accountant")
    served.settle()  # the entries of the month and of the sign-in reach the log
    page = visit.page
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Auditlog").click()
    visit.check("audit-log")
    page.get_by_label("Burgerservicenummer van de cliënt").fill("12345678")
    page.get_by_role("button", name="Zoeken op cliënt").click()
    expect(page.get_by_role("alert")).to_contain_text("elfproef")
    visit.check("audit-log-bsn-error")
    page.get_by_label("Burgerservicenummer van de cliënt").fill("999900006")
    page.get_by_role("button", name="Zoeken op cliënt").click()
    expect(page.get_by_text("Alleen regels over één cliënt")).to_be_visible()
    assert "999900006" not in page.url
    page.get_by_role("link", name="Controleer of de keten van het auditlog heel is").click()
    expect(page.get_by_role("status")).to_contain_text("De keten is heel")
    visit.check("audit-chain")
    searched = logged(served, user="accountant", action="audit.read")
    assert any(e["client"] for e in searched)  # the search by BSN is itself logged, under the pseudonym


def test_the_controller_drills_down_from_a_total_to_its_lines(visit, served):
    municipality = paid_run(visit.base_url)
    visit.sign_in("controller")
    page = visit.page
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Rechtmatigheid").click()
    page.get_by_label("Gemeente", exact=True).select_option(municipality)
    page.get_by_role("button", name="Tonen").click()
    expect(page.get_by_role("table", name="Totalen per criterium")).to_be_visible()
    visit.check("lawfulness")
    page.get_by_role("row", name="Voorwaardencriterium").get_by_role("link").nth(1).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Betaalde regels")
    visit.check("lawfulness-lines")
    assert logged(served, user="controller", action="lawfulness.lines")
