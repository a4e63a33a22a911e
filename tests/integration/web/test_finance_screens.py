"""The finance screens beyond one held line, in process: a decision on a selection of the queue
reports each line, refusing none silently; a whole declaration with its lines and files; the
declaration search, by client too."""

from __future__ import annotations

import html

from tests.integration.invoicing.test_bulk_decisions import COLLEAGUE, three_held
from tests.integration.invoicing.test_declaration_flow import region  # noqa: F401 (fixture)
from tests.integration.invoicing.test_rebuild import NONE_1, NONE_2, STRANGER, Line, jw323
from tests.integration.web.test_workbench import HTML, signed_in, token_of
from tests.support.embedded import settle

FINANCE = {"Authorization": "Bearer demo-staff-financien"}


def keys(lines: list[dict]) -> list[str]:
    return [f"{h['declaration_id']}/{h['reference']}" for h in lines]


async def test_a_selection_rejected_at_once_reports_the_line_a_colleague_has_and_decides_the_rest(region):
    runtime, client = region
    held = await three_held(runtime, client)
    await client.post(f"/invoicing/v1/queue/{held[1]['declaration_id']}/B2/claim", headers=COLLEAGUE)
    await signed_in(runtime, client)
    queue = await client.get("/wachtrij", headers=HTML)
    assert queue.text.count('name="regels"') == 3
    result = await client.post("/wachtrij/beslissen", headers=HTML, data={
        "regels": keys(held), "besluit": "afwijzen", "code": "", "reden": "geen toewijzing afgegeven",
        "csrf_token": token_of(queue)})
    text = html.unescape(result.text)
    assert result.status_code == 200 and "2 van de 3 prestaties afgewezen" in text
    assert "In behandeling bij beheer" in text and text.index("Niet afgewezen") < text.index(">B1<")
    statuses = [(await client.get(f"/invoicing/v1/queue/{h['declaration_id']}/{h['reference']}", headers=FINANCE)
                 ).json()["status"] for h in held]
    assert statuses == ["rejected", "held", "rejected"]


async def test_a_selection_without_a_decision_or_reason_comes_back_with_the_choices_kept(region):
    runtime, client = region
    held = await three_held(runtime, client)
    await signed_in(runtime, client)
    queue = await client.get("/wachtrij?aantal=100", headers=HTML)
    answer = await client.post("/wachtrij/beslissen?aantal=100", headers=HTML, data={
        "regels": keys(held[:2]), "reden": "", "csrf_token": token_of(queue)})
    assert answer.status_code == 422
    assert 'href="#besluit"' in answer.text and 'href="#reden_selectie"' in answer.text
    assert answer.text.count(" checked>") == 2 and 'value="100" selected' in answer.text
    assert len((await client.get("/invoicing/v1/queue", headers=FINANCE)).json()) == 3


async def test_every_line_of_a_page_is_selected_without_script(region):
    runtime, client = region
    await three_held(runtime, client)
    await signed_in(runtime, client)
    page = await client.get("/wachtrij?selectie=alle", headers=HTML)
    assert page.text.count(" checked>") == 3


async def test_the_declaration_page_shows_each_line_with_its_status_and_hands_out_the_jw323(region):
    runtime, client = region
    body = jw323("323-page-1", "DNPAGE1", 4, [Line("P1", NONE_1), Line("P2", NONE_2, bsn=STRANGER)])
    await client.post("/gateway/v1/messages", content=body, headers={
        "Authorization": "Bearer demo-aanbieder-98000001", "Content-Type": "application/xml"})
    await settle(runtime)
    await signed_in(runtime, client)
    search = await client.get(f"/declaraties?bsn={STRANGER}", headers=HTML)
    assert "1 declaratie gevonden" in search.text and ">P2<" in search.text and ">P1<" not in search.text
    [found] = (await client.get("/invoicing/v1/declarations?number=DNPAGE1", headers=FINANCE)).json()
    page = await client.get(f"/declaraties/{found['declaration_id']}", headers=HTML)
    text = html.unescape(page.text)
    assert "Declaratie DNPAGE1" in text and "De Vechtstroom Jeugdhulp" in text and "Nog niet verstuurd" in text
    assert text.count("vastgehouden") >= 2 and "Geen toewijzing bij het ToewijzingNummer" in text
    download = await client.get(f"/declaraties/{found['declaration_id']}/JW323.xml")
    assert download.content == body and "attachment" in download.headers["content-disposition"]
    assert (await client.get(f"/declaraties/{found['declaration_id']}/JW325.xml", headers=HTML)).status_code == 404


async def test_a_malformed_bsn_is_named_beside_the_field_and_nothing_is_searched(region):
    runtime, client = region
    await signed_in(runtime, client)
    page = await client.get("/declaraties?bsn=12345", headers=HTML)
    assert 'id="bsn-fout"' in page.text and "Pas de zoekvragen aan" in page.text


async def test_a_line_a_colleague_has_offers_releasing_it_and_no_decision(region):
    runtime, client = region
    held = await three_held(runtime, client)
    await client.post(f"/invoicing/v1/queue/{held[0]['declaration_id']}/B1/claim", headers=COLLEAGUE)
    await signed_in(runtime, client)
    page = await client.get(f"/wachtrij/{held[0]['declaration_id']}/B1", headers=HTML)
    assert "beheer heeft deze prestatie in behandeling" in page.text and "/vrijgeven" in page.text
    assert "/goedkeuren" not in page.text and "/afwijzen" not in page.text
    released = await client.post(f"/wachtrij/{held[0]['declaration_id']}/B1/vrijgeven", headers=HTML,
                                 data={"csrf_token": token_of(page)})
    assert released.status_code == 303
    assert (await client.get(released.headers["location"], headers=HTML)).text.count("/goedkeuren") == 1
