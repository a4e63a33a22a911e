"""The access team's screens in process: every refusal names its rule at the top and beside the
field it concerns and changes nothing; changes made through the forms reach the allocation service
(and its history names who made them); requests are answered from the work list; a client search
keeps the BSN out of every URL."""

from __future__ import annotations

import re
from typing import Any

import httpx

from tests.integration.allocation.conftest import (  # noqa: F401 (fixture)
    ALLOCATIONS,
    CLIENT,
    PROVIDER,
    STAFF,
    ZWOLLE,
    days,
    demo,
    issue,
    mailbox,
    post_message,
)
from tests.integration.allocation.test_change_requests import change_message
from tests.integration.allocation.test_deletion_after_declarations import settle_lines
from tests.integration.allocation.test_routed_messages import request_message
from tests.integration.web.test_workbench import HTML, signed_in, token_of
from tests.support.embedded import settle


def dutch(day: Any) -> str:
    return day.strftime("%d-%m-%Y")


async def post_form(client: httpx.AsyncClient, page: str, action: str, **fields: Any) -> httpx.Response:
    """Submit a form as the browser would: its page first (for the token), then the post."""
    shown = await client.get(page, headers=HTML)
    return await client.post(action, headers=HTML, data={"csrf_token": token_of(shown), **fields})


def issue_fields(**changes: Any) -> dict[str, Any]:
    return {"gemeente": ZWOLLE, "aanbieder": PROVIDER, "bsn": CLIENT, "achternaam": "Jansen", "voorvoegsel": "de",
            "voorletters": "E", "geboortedatum": "12-03-2014", "geslacht": "2", "product": "45A01",
            "begin": dutch(days(-10)), "einde": dutch(days(20)), "volume": "2", "frequentie": "2", "verwijzer": "02",
            **changes}


async def allocations_of_client(client: httpx.AsyncClient) -> list[dict[str, Any]]:
    return (await client.get(ALLOCATIONS, params={"client_bsn": CLIENT}, headers=STAFF)).json()


def error_beside(page: httpx.Response, field: str) -> str:
    found = re.search(rf'id="{field}-fout"><span class="wb-visually-hidden">Fout: </span>([^<]*)', page.text)
    assert found, f"no error beside {field}"
    return found.group(1)


async def test_an_allocation_issued_through_the_form_goes_to_the_provider_and_names_its_issuer(demo):
    runtime, client = demo
    await signed_in(runtime, client, "toegang.zwolle")
    done = await post_form(client, f"/toewijzingen/nieuw?aanbieder={PROVIDER}", "/toewijzingen/nieuw", **issue_fields())
    assert done.status_code == 303, done.text
    await settle(runtime)
    [issued] = await allocations_of_client(client)
    assert done.headers["location"] == f"/toewijzingen/{ZWOLLE}/{issued['allocation_number']}"
    assert (issued["extent"], issued["referrer_type"]) == ({"volume": 2, "unit": "04", "frequency": "2"}, "02")
    [jw301] = await mailbox(client, "JW301")
    assert jw301.client.allocations[0].number == issued["allocation_number"]
    detail = await client.get(done.headers["location"], headers=HTML)
    assert f"Toewijzing {issued['allocation_number']} is afgegeven" in detail.text and "toegang.zwolle" in detail.text


async def test_stacking_is_refused_naming_op259_at_the_top_and_beside_the_product(demo):
    runtime, client = demo
    await issue(runtime, client)
    await signed_in(runtime, client, "toegang.zwolle")
    refused = await post_form(client, f"/toewijzingen/nieuw?aanbieder={PROVIDER}", "/toewijzingen/nieuw",
                              **issue_fields())
    assert refused.status_code == 422 and "(OP259)" in error_beside(refused, "product")
    assert 'href="#product"' in refused.text and 'value="999900006"' in refused.text  # what was typed stays
    assert len(await allocations_of_client(client)) == 1


async def test_an_unknown_client_without_particulars_is_refused_beside_the_surname(demo):
    runtime, client = demo
    await signed_in(runtime, client, "toegang.zwolle")
    bare = issue_fields(achternaam="", voorvoegsel="", voorletters="", geboortedatum="", geslacht="")
    refused = await post_form(client, f"/toewijzingen/nieuw?aanbieder={PROVIDER}", "/toewijzingen/nieuw", **bare)
    assert refused.status_code == 422 and "(HF-CLIENT)" in error_beside(refused, "achternaam")
    assert await allocations_of_client(client) == []


async def test_a_date_typed_wrongly_is_named_beside_its_field_and_nothing_is_sent(demo):
    runtime, client = demo
    await signed_in(runtime, client, "toegang.zwolle")
    refused = await post_form(client, f"/toewijzingen/nieuw?aanbieder={PROVIDER}", "/toewijzingen/nieuw",
                              **issue_fields(begin="1 december"))
    assert refused.status_code == 422 and "dd-mm-jjjj" in error_beside(refused, "begin")
    assert await allocations_of_client(client) == []


async def test_the_issue_form_offers_only_the_providers_contracted_products_and_their_frequencies(demo):
    runtime, client = demo
    await signed_in(runtime, client, "toegang.zwolle")
    form = (await client.get("/toewijzingen/nieuw?aanbieder=98000004", headers=HTML)).text
    products = re.findall(r'<option value="(\w+)"', form.split('id="product"')[1].split("</select>")[0])
    assert products == ["43A01", "44A02", "43", "44"]
    extent = (await client.get("/toewijzingen/nieuw/omvang?aanbieder=98000004&product=44A02", headers=HTML)).text
    assert "etmaal" in extent and "per dag" not in extent and "per week" in extent


async def test_an_extension_through_the_form_shows_in_the_history_with_who_and_what(demo):
    runtime, client = demo
    number = (await issue(runtime, client))["allocation_number"]
    await signed_in(runtime, client, "toegang.zwolle")
    page = f"/toewijzingen/{ZWOLLE}/{number}"
    done = await post_form(client, f"{page}/verlengen", f"{page}/verlengen", einde=dutch(days(60)))
    assert done.status_code == 303 and done.headers["location"] == page
    history = (await client.get(page, headers=HTML)).text
    assert re.search(rf"Verlengd</td>\s*<td[^>]*>toegang.zwolle</td>.*Einddatum: {dutch(days(20))} → {dutch(days(60))}",
                     history, re.S)


async def test_deleting_an_allocation_with_approved_lines_is_refused_naming_tr385(demo):
    runtime, client = demo
    number = (await issue(runtime, client))["allocation_number"]
    await settle_lines(runtime, number, [7850])
    await signed_in(runtime, client, "toegang.zwolle")
    page = f"/toewijzingen/{ZWOLLE}/{number}/verwijderen"
    refused = await post_form(client, page, page)
    assert refused.status_code == 422 and "er zijn al declaraties op goedgekeurd" in refused.text and "(TR385)" in refused.text
    assert (await allocations_of_client(client))[0]["status"] == "active"


async def test_a_jw315_is_honoured_through_the_prefilled_form_and_the_jw301_carries_its_reference(demo):
    runtime, client = demo
    await post_message(runtime, client, request_message("VOT-7"))
    await signed_in(runtime, client, "toegang.zwolle")
    listed = (await client.get("/verzoeken", headers=HTML)).text
    assert 'href="/verzoeken/98000001/VOT-7"' in listed and "Verzoek om toewijzing (JW315)" in listed
    page = f"/verzoeken/{PROVIDER}/VOT-7/honoreren"
    form = (await client.get(page, headers=HTML)).text
    assert f'value="{dutch(days(90))}"' in form and 'value="2"' in form  # end and volume as asked
    done = await post_form(client, page, page, einde=dutch(days(60)), volume="3", frequentie="2")
    assert done.status_code == 303, done.text
    await settle(runtime)
    [jw301] = await mailbox(client, "JW301")
    [granted] = jw301.client.allocations
    assert (granted.provider_reference, granted.end, granted.extent.volume) == ("VOT-7", days(60), 3)


async def test_rejecting_for_the_woonplaatsbeginsel_needs_the_other_municipality(demo):
    runtime, client = demo
    await post_message(runtime, client, request_message("VOT-6"))
    await signed_in(runtime, client, "toegang.zwolle")
    page = f"/verzoeken/{PROVIDER}/VOT-6"
    refused = await post_form(client, page, f"{page}/afwijzen", reden="8")
    assert refused.status_code == 422 and "(HF-WOONPLAATSBEGINSEL)" in error_beside(refused, "verantwoordelijke_gemeente")
    done = await post_form(client, page, f"{page}/afwijzen", reden="8", verantwoordelijke_gemeente="0150")
    assert done.status_code == 303
    await settle(runtime)
    assert (await client.get(f"/allocation/v1/requests/{PROVIDER}/VOT-6", headers=STAFF)).json()["status"] == "rejected"
    assert len(await mailbox(client, "JW319")) == 1


async def test_a_request_put_in_onderzoek_cannot_be_put_there_twice(demo):
    runtime, client = demo
    await post_message(runtime, client, request_message("VOT-5"))
    await signed_in(runtime, client, "toegang.zwolle")
    page = f"/verzoeken/{PROVIDER}/VOT-5"
    assert (await post_form(client, page, f"{page}/onderzoek")).status_code == 303
    shown = (await client.get(page, headers=HTML)).text
    assert "in onderzoek" in shown and f'action="{page}/onderzoek"' not in shown
    twice = await client.post(f"{page}/onderzoek", headers=HTML, data={"csrf_token": token_of(await client.get(page, headers=HTML))})
    assert twice.status_code == 422 and "(TR360)" in twice.text


async def test_a_client_is_found_by_name_and_shown_with_allocations_and_the_bsn_is_in_no_url(demo):
    runtime, client = demo
    number = (await issue(runtime, client))["allocation_number"]
    await signed_in(runtime, client, "toegang.zwolle")
    found = await post_form(client, "/clienten", "/clienten", achternaam="jans", bsn="", geboortedatum="")
    assert found.status_code == 200 and "E de Jansen" in found.text
    assert f'href="/toewijzingen/{ZWOLLE}/{number}"' in found.text
    assert not re.search(rf'(href|action)="[^"]*{CLIENT}', found.text)


async def test_staff_without_the_access_role_see_none_of_its_screens(demo):
    runtime, client = demo
    await signed_in(runtime, client, "financien")
    for path in ("/verzoeken", "/clienten", "/toewijzingen/nieuw"):
        assert (await client.get(path, headers=HTML)).status_code == 403, path
    assert 'href="/verzoeken"' not in (await client.get("/", headers=HTML)).text


async def test_a_jw317_is_honoured_by_the_changes_made_from_its_page_carrying_its_reference(demo):
    runtime, client = demo
    number = (await issue(runtime, client))["allocation_number"]
    await post_message(runtime, client, change_message("VOW-9", number))
    await signed_in(runtime, client, "toegang.zwolle")
    page = f"/verzoeken/{PROVIDER}/VOW-9"
    shown = (await client.get(page, headers=HTML)).text
    extend = f"/toewijzingen/{ZWOLLE}/{number}/verlengen?verzoek=VOW-9&amp;einde={dutch(days(60))}"
    assert extend in shown and "/toewijzingen/nieuw?gemeente=0193&amp;aanbieder=98000001&amp;verzoek=VOW-9" in shown
    form = (await client.get(extend.replace("&amp;", "&"), headers=HTML)).text
    assert 'value="VOW-9"' in form and f'value="{dutch(days(60))}"' in form
    await post_form(client, page, f"/toewijzingen/{ZWOLLE}/{number}/verlengen", einde=dutch(days(60)), verzoek="VOW-9")
    assert f'name="nummers" value="{number}" checked' in (await client.get(page, headers=HTML)).text
    done = await post_form(client, page, f"{page}/honoreren", nummers=str(number))
    assert done.status_code == 303, done.text
    await settle(runtime)
    assert (await client.get(f"/allocation/v1/requests/{PROVIDER}/VOW-9", headers=STAFF)).json()["status"] == "honoured"
    [extended] = (await mailbox(client, "JW301"))[-1].client.allocations
    assert (extended.provider_reference, extended.end) == ("VOW-9", days(60))


async def test_a_jw317s_new_product_fills_in_the_issue_form(demo):
    runtime, client = demo
    number = (await issue(runtime, client))["allocation_number"]
    await post_message(runtime, client, change_message("VOW-8", number))
    await signed_in(runtime, client, "toegang.zwolle")
    form = (await client.get(f"/toewijzingen/nieuw?gemeente={ZWOLLE}&aanbieder={PROVIDER}&verzoek=VOW-8&nieuw=0",
                             headers=HTML)).text
    assert f'value="{CLIENT}"' in form and '<option value="40A01" selected' in form and 'value="VOW-8"' in form
    assert f'value="{dutch(days(5))}"' in form and "verzoek om wijziging, JW317" in form
