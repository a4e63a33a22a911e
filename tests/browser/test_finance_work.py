"""A finance clerk's work beyond one held line, in the browser: a selection decided at once, a
whole declaration read and its files downloaded, a client's declarations found by BSN. Each ends
in an effect outside the workbench, checked through the APIs."""

from __future__ import annotations

from collections import Counter
from typing import Any

import httpx
from playwright.sync_api import expect

from services.gateway.region.model import read_region
from tests.browser.conftest import FINANCE, REGION_FILE
from tests.browser.test_finance_queue import ONE_CLERK_BELOW, TAKEN, TOKENS, tab_to

COLLEAGUE = {"Authorization": "Bearer demo-staff-beheer"}  # an admin holds the finance role too
NAMES = {p.agb: p.name for p in read_region(REGION_FILE).providers}


def held_lines(base_url: str, count: int) -> list[dict[str, Any]]:
    """`count` held lines with codes of their own, in declarations no other test uses, whole
    declarations first (so the fewest are taken from the other tests), found through the API as
    test setup; each with its provider's name, which the queue shows."""
    held = [h for h in httpx.get(f"{base_url}/invoicing/v1/queue", headers=FINANCE).json()
            if h["codes"] and h["declaration_id"] not in TAKEN and h["claimed_by"] is None]
    size = Counter(h["declaration_id"] for h in held)
    chosen = sorted(held, key=lambda h: (-size[h["declaration_id"]], h["declaration_id"]))[:count]
    assert len(chosen) == count, "the generated month has too few held lines for this test"
    TAKEN.update(h["declaration_id"] for h in chosen)
    return chosen


def checkbox_of(page: Any, line: dict[str, Any]) -> Any:
    return page.get_by_role("checkbox", name=f"Selecteer prestatie {line['reference']} van declaratie "
                                             f"{line['declaration_number']}, {NAMES[line['provider']]}")


def line_now(base_url: str, line: dict[str, Any]) -> dict[str, Any]:
    return httpx.get(f"{base_url}/invoicing/v1/queue/{line['declaration_id']}/{line['reference']}",
                     headers=FINANCE).json()


def test_a_bulk_reject_of_three_lines_rejects_two_and_reports_the_one_a_colleague_has(visit, served):
    lines = held_lines(served.base_url, 3)
    claimed = lines[1]
    taken = httpx.post(f"{served.base_url}/invoicing/v1/queue/{claimed['declaration_id']}/{claimed['reference']}/claim",
                       headers=COLLEAGUE)
    assert taken.status_code == 204
    visit.sign_in("financien")
    page = visit.goto("/wachtrij?aantal=200", "queue-with-selection")
    for line in lines:
        checkbox_of(page, line).check()
    page.get_by_role("radio", name="Afwijzen").check()
    page.get_by_label("Reden", exact=True).fill("Geen toewijzing afgegeven voor deze periode")
    page.get_by_role("button", name="Selectie beoordelen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Selectie afgewezen")
    expect(page.get_by_role("status")).to_contain_text("2 van de 3 prestaties afgewezen")
    refused = page.get_by_role("region", name="Niet afgewezen")
    expect(refused.get_by_role("row", name=claimed["reference"])).to_contain_text("In behandeling bij beheer")
    visit.check("bulk-result")
    assert [line_now(served.base_url, line)["status"] for line in lines] == ["rejected", "held", "rejected"]
    assert line_now(served.base_url, claimed)["claimed_by"] == "beheer"


def test_a_selection_is_approved_with_the_keyboard_alone(visit, served):
    lines = held_lines(served.base_url, 2)
    one_clerk = ["approved" if line["amount"] < ONE_CLERK_BELOW else "held" for line in lines]
    visit.sign_in("financien")
    page = visit.page
    page.goto(f"{served.base_url}/wachtrij?aantal=200")
    for line in lines:
        tab_to(page, checkbox_of(page, line), limit=400)
        page.keyboard.press("Space")
    tab_to(page, page.get_by_role("radio", name="Goedkeuren"), limit=400)
    page.keyboard.press("Space")
    tab_to(page, page.get_by_label("Reden", exact=True))
    page.keyboard.type("Toewijzingen nagekeken met de gemeente")
    tab_to(page, page.get_by_role("button", name="Selectie beoordelen"))
    visit.check("keyboard-focus-on-bulk-decision")
    page.keyboard.press("Enter")
    expect(page.get_by_role("status")).to_contain_text(f"{one_clerk.count('approved')} van de 2 prestaties goedgekeurd")
    if "held" in one_clerk:  # at or above the four-eyes amount: first approved, a colleague completes it
        expect(page.get_by_role("heading", name="Wacht op een tweede goedkeuring")).to_be_visible()
    assert [line_now(served.base_url, line)["status"] for line in lines] == one_clerk


def test_a_clerk_finds_an_answered_declaration_and_downloads_the_jw325_the_provider_received(visit, served):
    found = httpx.get(f"{served.base_url}/invoicing/v1/declarations?limit=200", headers=FINANCE).json()
    answered = next(d for d in found if d["status"] == "answered")
    visit.sign_in("financien")
    page = visit.page
    page.get_by_role("link", name="Declaraties zoeken").click()
    visit.check("declaration-search")
    page.get_by_label("Declaratienummer").fill(answered["number"])  # unique per provider (TR333)
    page.get_by_label("Aanbieder").select_option(answered["provider"])
    page.get_by_role("button", name="Zoeken").click()
    page.get_by_role("link", name=answered["number"], exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Declaratie {answered['number']}")
    expect(page.get_by_role("region", name="Declaratie-antwoord (JW325)")).to_contain_text("Toegekend")
    visit.check("declaration-answered")
    with page.expect_download() as download:
        page.get_by_role("link", name="JW325 downloaden (XML)").click()
    assert open(download.value.path(), "rb").read() == mailbox_copy(served.base_url, answered)


def test_a_bsn_search_leads_to_the_clients_held_line(visit, served):
    held = httpx.get(f"{served.base_url}/invoicing/v1/queue", headers=FINANCE).json()
    line = held[0]  # any line still held: this task only reads it
    visit.sign_in("financien")
    page = visit.goto(f"/declaraties?bsn={line['bsn']}", "declaration-search-by-bsn")
    row = page.get_by_role("row").filter(has=page.get_by_role("link", name=line["declaration_number"], exact=True))
    row.get_by_role("link", name=line["reference"], exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Prestatie {line['reference']}")
    page.get_by_role("link", name=line["declaration_number"], exact=True).click()
    expect(page.get_by_role("row", name=line["reference"])).to_contain_text("vastgehouden")
    visit.check("declaration-open")


def mailbox_copy(base_url: str, declaration: dict[str, Any]) -> bytes:
    """The JW325 as the provider's mailbox holds it: what the gateway delivered."""
    headers = {"Authorization": f"Bearer {TOKENS[declaration['provider']]}"}
    summary = httpx.get(f"{base_url}/invoicing/v1/declarations/{declaration['declaration_id']}", headers=FINANCE).json()
    return httpx.get(f"{base_url}/gateway/v1/mailbox/{summary['answer']['answer_id']}", headers=headers).content
