"""Whole tasks of a finance clerk in the exception queue, in the browser, each ending in an
effect outside the workbench: the provider's JW325."""

from __future__ import annotations

from collections import Counter
from typing import Any

import httpx
from playwright.sync_api import expect

from services.demo.feed import tokens_of
from services.gateway.region.model import read_region
from shared.ijw import decode
from tests.browser.conftest import FINANCE, REGION_FILE

TOKENS = tokens_of(read_region(REGION_FILE))
ONE_CLERK_BELOW = read_region(REGION_FILE).policy.four_eyes_from or 10**12
"""A line at or above the region's four_eyes_from needs a second clerk's approval too."""


def held_line_to_approve(base_url: str, taken: set[str], alone: bool = True) -> dict[str, Any]:
    """A held line that is the last one open in its declaration (approving it lets the JW325 go) and
    that one clerk approves, found through the API as test setup; `taken` keeps two tests off the
    same declaration."""
    held = httpx.get(f"{base_url}/invoicing/v1/queue", headers=FINANCE).json()
    counts = Counter(line["declaration_id"] for line in held)
    line = next(line for line in held if (counts[line["declaration_id"]] == 1 or not alone)
                and line["declaration_id"] not in taken and line["amount"] < ONE_CLERK_BELOW)
    taken.add(line["declaration_id"])
    return line


TAKEN: set[str] = set()


def jw325_for(base_url: str, provider: str, number: str) -> Any:
    headers = {"Authorization": f"Bearer {TOKENS[provider]}"}
    for item in httpx.get(f"{base_url}/gateway/v1/mailbox", headers=headers).json():
        if item["message_code"] == "JW325":
            answer = decode(httpx.get(f"{base_url}/gateway/v1/mailbox/{item['message_id']}", headers=headers).content)
            if answer.answer is not None and answer.answer.number == number:
                return answer
    return None


def test_a_clerk_approves_a_held_line_and_the_provider_gets_the_jw325_with_it_approved(visit, served):
    line = held_line_to_approve(served.base_url, TAKEN)
    assert jw325_for(served.base_url, line["provider"], line["declaration_number"]) is None
    visit.sign_in("financien")
    page = visit.page
    page.get_by_role("link", name="Wachtrij declaraties").click()
    page.get_by_label("Aanbieder").select_option(line["provider"])
    page.get_by_role("button", name="Zoeken").click()
    expect(page).to_have_url(f"{served.base_url}/wachtrij?aanbieder={line['provider']}")
    page.get_by_role("link", name=line["reference"]).click()
    why = page.get_by_role("region", name="Waarom vastgehouden")
    for code in line["codes"]:
        expect(why).to_contain_text(code)
    visit.check("held-line-to-approve")
    page.get_by_label("Reden van goedkeuren").fill("Toewijzing telefonisch bevestigd door de gemeente")
    page.get_by_role("button", name="Goedkeuren").click()
    expect(page.get_by_role("status").filter(has_text=f"Prestatie {line['reference']} is goedgekeurd")).to_be_visible()
    visit.check("queue-after-approval")
    expect(page.get_by_role("link", name=line["reference"])).to_have_count(0)
    served.settle()
    answer = jw325_for(served.base_url, line["provider"], line["declaration_number"])
    rejected = [al.line.reference for c in answer.answer.clients for al in c.lines]
    assert line["reference"] not in rejected and answer.answer.total_granted.cents >= line["amount"]


def test_a_held_line_is_approved_with_the_keyboard_alone(visit, served):
    line = held_line_to_approve(served.base_url, TAKEN, alone=False)
    visit.sign_in("financien")
    page = visit.page
    page.goto(f"{served.base_url}/wachtrij?aanbieder={line['provider']}")
    tab_to(page, page.get_by_role("link", name="Direct naar de inhoud"))
    page.keyboard.press("Enter")
    tab_to(page, page.get_by_role("link", name=line["reference"]))
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Prestatie {line['reference']}")
    tab_to(page, page.get_by_label("Reden van goedkeuren"))
    page.keyboard.type("Nagekeken met het zorgplan")
    tab_to(page, page.get_by_role("button", name="Goedkeuren"))
    visit.check("keyboard-focus-on-approve")
    page.keyboard.press("Enter")
    expect(page.get_by_role("status").filter(has_text=f"Prestatie {line['reference']} is goedgekeurd")).to_be_visible()
    detail = httpx.get(f"{served.base_url}/invoicing/v1/queue/{line['declaration_id']}/{line['reference']}",
                       headers=FINANCE).json()
    assert detail["status"] == "approved"


def tab_to(page: Any, target: Any, limit: int = 80) -> None:
    """Press Tab until `target` has the focus, as a keyboard user moves through the page."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if target.evaluate("element => element === document.activeElement"):
            return
    raise AssertionError(f"{target} never took the focus in {limit} tabs")
