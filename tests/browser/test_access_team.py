"""Whole tasks of the access team in the browser, each ending in an effect outside the workbench:
the JW301 in the provider's mailbox, read through the gateway with the provider's own token."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import httpx
from playwright.sync_api import expect

from services.demo.feed import tokens_of
from services.gateway.region.model import read_region
from shared.clock import SystemClock
from shared.ijw import decode, encode
from shared.ijw.model.basis import BirthDate, Extent, Header, MessageId, Person, Product, ShortName, Surname, XsdVersion
from shared.ijw.model.request import Jw315, Referrer, RequestClient, RequestedProduct
from tests.browser.conftest import REGION_FILE

TOKENS = tokens_of(read_region(REGION_FILE))
PROVIDER, ZWOLLE = "98000001", "0193"
TODAY = SystemClock().today()


def dutch(day: date) -> str:
    return day.strftime("%d-%m-%Y")


def jw301s_for(base_url: str, bsn: str, provider: str = PROVIDER) -> list[Any]:
    """The JW301s about one client in the provider's mailbox, oldest first, as the provider reads them."""
    headers = {"Authorization": f"Bearer {TOKENS[provider]}"}
    found = []
    for item in httpx.get(f"{base_url}/gateway/v1/mailbox", headers=headers).json():
        if item["message_code"] == "JW301":
            message = decode(httpx.get(f"{base_url}/gateway/v1/mailbox/{item['message_id']}", headers=headers).content)
            if message.client.bsn == bsn:
                found.append(message)
    return found


def test_an_access_team_member_issues_an_allocation_and_the_provider_gets_the_jw301(visit, served):
    bsn = "111222333"  # outside the generated population's 9xxxxxxxx
    assert jw301s_for(served.base_url, bsn) == []
    visit.sign_in("toegang.zwolle")
    page = visit.page
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Nieuwe toewijzing").click()
    page.get_by_label("Aanbieder").select_option(label="De Vechtstroom Jeugdhulp")
    visit.check("issue-choose-provider")
    page.get_by_role("button", name="Verder").click()
    page.wait_for_function("() => window.htmx !== undefined")  # the script is deferred; choosing comes after
    page.get_by_label("BSN").fill(bsn)
    page.get_by_label("Product").select_option(label="45A01 – Ambulante jeugdhulp individueel (in uur)")
    expect(page.get_by_text("Eenheid: uur")).to_be_visible()  # the product's unit and Frequenties, swapped in
    page.get_by_label("Ingangsdatum").fill(dutch(TODAY))
    page.get_by_label("Einddatum (optioneel)").fill(dutch(TODAY + timedelta(days=20)))
    page.get_by_label("Volume", exact=True).fill("3")
    page.get_by_label("Frequentie").select_option(label="per week")
    page.get_by_label("Verwijzer").select_option(label="huisarts")
    page.get_by_role("button", name="Toewijzing afgeven").click()
    expect(page.get_by_role("alert")).to_contain_text("(HF-CLIENT)")  # a new client: the service asks who
    expect(page.get_by_label("Achternaam")).to_have_attribute("aria-invalid", "true")
    visit.check("issue-refused-unknown-client")
    page.get_by_label("Achternaam").fill("Bakker")
    page.get_by_label("Voorletters (optioneel)").fill("S")
    page.get_by_label("Geboortedatum").fill("04-07-2015")
    page.get_by_label("Geslacht").select_option(label="man")
    page.get_by_role("button", name="Toewijzing afgeven").click()
    expect(page.get_by_role("status")).to_contain_text("is afgegeven")
    expect(page.get_by_role("table")).to_contain_text("toegang.zwolle")
    visit.check("allocation-issued")
    number = int(page.get_by_role("heading", level=1).inner_text().removeprefix("Toewijzing "))
    served.settle()
    [jw301] = jw301s_for(served.base_url, bsn)
    [allocation] = jw301.client.allocations
    assert (jw301.header.sender, allocation.number, allocation.product.code, allocation.extent.volume) == (
        ZWOLLE, number, "45A01", 3)


def a_request_from_the_provider(base_url: str, reference: str, bsn: str) -> None:
    """A JW315 the provider posts at the gateway (setup through the API, as providers send them)."""
    asked = RequestedProduct(reference, TODAY + timedelta(days=2), Referrer("02", "Huisarts Zwolle"),
                             product=Product("45", "45A01"), end=TODAY + timedelta(days=24), extent=Extent(2, "04", "2"))
    person = Person(bsn, BirthDate(date(2013, 5, 1)), "1", ShortName(Surname("Visser"), initials="T"))
    message = Jw315(Header(PROVIDER, ZWOLLE, MessageId(f"B{reference}"[:12], TODAY), XsdVersion("1.0.0", "1.0.0")),
                    RequestClient(person, (asked,)))
    posted = httpx.post(f"{base_url}/gateway/v1/messages", content=encode(message),
                        headers={"Authorization": f"Bearer {TOKENS[PROVIDER]}", "Content-Type": "application/xml"})
    assert posted.status_code == 202, posted.text


def test_a_request_is_honoured_from_the_work_list_through_the_prefilled_form(visit, served):
    bsn, reference = "123456782", "VOT-BROWSER-1"
    a_request_from_the_provider(served.base_url, reference, bsn)
    served.settle()
    visit.sign_in("toegang.zwolle")
    page = visit.page
    page.get_by_role("link", name="Naar de werklijst verzoeken").click()
    visit.check("requests-work-list")
    page.get_by_role("link", name=reference).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Verzoek {reference}")
    visit.check("request-allocation")
    page.get_by_role("link", name="Toewijzing afgeven volgens dit verzoek").click()
    expect(page.get_by_label("Volume (in uur)")).to_have_value("2")
    page.get_by_label("Einddatum").fill(dutch(TODAY + timedelta(days=30)))
    visit.check("request-honour-form")
    page.get_by_role("button", name="Toewijzing afgeven").click()
    expect(page.get_by_role("status")).to_contain_text("Het verzoek is gehonoreerd")
    served.settle()
    [jw301] = jw301s_for(served.base_url, bsn)
    [allocation] = jw301.client.allocations
    assert (allocation.provider_reference, allocation.end) == (reference, TODAY + timedelta(days=30))


def an_allocation_running_past_today(base_url: str) -> tuple[dict[str, Any], dict[str, Any]]:
    """One of Zwolle's allocations from the generated month and its client, found through the API
    as test setup."""
    staff = {"Authorization": "Bearer demo-staff-toegang.zwolle"}
    running = [a for a in httpx.get(f"{base_url}/allocation/v1/allocations", params={"status": "active"},
                                    headers=staff).json()
               if a["end"] and date.fromisoformat(a["end"]) > TODAY + timedelta(days=1)
               and date.fromisoformat(a["start"]) < TODAY and a["client_bsn"] not in ("111222333", "123456782")]
    allocation = running[0]
    [client] = httpx.get(f"{base_url}/allocation/v1/clients", params={"bsn": allocation["client_bsn"]},
                         headers=staff).json()
    return allocation, client


def test_a_client_found_by_name_has_an_allocation_shortened_and_the_provider_gets_the_jw301(visit, served):
    allocation, client = an_allocation_running_past_today(served.base_url)
    visit.sign_in("toegang.zwolle")
    page = visit.page
    page.get_by_role("link", name="Cliënten").click()
    page.get_by_label("Achternaam").fill(client["surname"])
    page.get_by_label("Geboortedatum").fill(dutch(date.fromisoformat(client["birth_date"])))
    page.get_by_role("button", name="Zoeken").click()
    expect(page.get_by_role("status")).to_contain_text("gevonden")
    ours = page.get_by_role("row").filter(has_text=client["client_bsn"]).get_by_role("button")
    if ours.count():  # several clients of that name and birth date: ours by its BSN
        ours.click()
    visit.check("client-found")
    page.get_by_role("link", name=str(allocation["allocation_number"]), exact=True).click()
    page.get_by_role("link", name="Inkorten of intrekken").click()
    page.get_by_label("Nieuwe einddatum").fill(dutch(date.fromisoformat(allocation["end"]) + timedelta(days=5)))
    page.get_by_label("Reden van de wijziging").select_option("05")
    page.get_by_role("button", name="Inkorten").click()
    expect(page.get_by_label("Nieuwe einddatum")).to_have_attribute("aria-invalid", "true")
    expect(page.get_by_role("alert")).to_contain_text("(HF-SHORTEN)")
    visit.check("shorten-refused")
    page.get_by_label("Nieuwe einddatum").fill(dutch(TODAY))
    page.get_by_role("button", name="Inkorten").click()
    expect(page.get_by_role("status")).to_contain_text("is ingekort")
    expect(page.get_by_role("table")).to_contain_text("Ingekort of ingetrokken")
    visit.check("allocation-shortened")
    served.settle()
    latest = jw301s_for(served.base_url, allocation["client_bsn"], allocation["provider_agb"])[-1]
    ended = next(a for a in latest.client.allocations if a.number == allocation["allocation_number"])
    assert (ended.end, ended.change_reason) == (TODAY, "05")
