"""The screens on how the region buys care (issue 17) in process: main contractors, lots, tariffs and
outcome indicators from the payments service's reports, by name; the scores file refused whole
with every problem in Dutch or applied; outcome clauses settled once, the second time refused with
its rule."""

from __future__ import annotations

import re

import httpx

from tests.integration.payments.conftest import (  # noqa: F401 (fixture)
    allocation, line, publish_allocation, publish_settled, region, settled,
)
from tests.integration.payments.test_outcomes import stopped_clients
from tests.integration.web.test_workbench import HTML, signed_in, token_of

SCORES_HEADER = "aanbieder;product;periode;tevredenheid;doelrealisatie;respondenten\n"


def text_of(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def row_of(page: str, heading: str) -> str:
    """The text of the table row whose header cell starts with `heading`."""
    found = re.search(rf'scope="row">{re.escape(heading)}(.*?)</tr>', page, re.S)
    assert found, heading
    return text_of(found.group(1))


async def test_a_main_contractors_care_is_split_into_its_own_and_its_subcontractors(region):
    runtime, client = region
    await publish_allocation(runtime, allocation(300201))
    await publish_settled(runtime, settled("98000001", "0193", [
        line("S1", 131 * 600, code="45A03", volume=600), line("S2", 62800, volume=8)]))
    await signed_in(runtime, client, "controller")
    page = (await client.get("/aannemers?jaar=2026", headers=HTML)).text
    assert row_of(page, '<a class="utrecht-link" href="#hoofdaannemer-98000001">De Vechtstroom Jeugdhulp</a>') == (
        " € 1.414,00 € 628,00 € 786,00 ")
    own = row_of(page, "Eigen levering")
    assert own.split() == ["Zwolle", "€", "628,00", "€", "0,00"]
    assert row_of(page, "Gezinscoaching Salland").split() == [
        "onderaannemer,", "AGB", "98100011", "Zwolle", "€", "786,00", "€", "0,00"]


async def test_the_lots_show_budget_against_forecast_with_the_contracts_by_provider_name(region):
    runtime, client = region
    await publish_allocation(runtime, allocation(300201))
    await publish_settled(runtime, settled("98000001", "0193", [line("L1", 62800, volume=8)]))
    await signed_in(runtime, client, "controller")
    page = (await client.get("/percelen?jaar=2026", headers=HTML)).text
    youth = row_of(page, "Jeugd- en opvoedhulp")
    assert "11 gemeenten" in youth and "€ 72.000.000,00" in youth and "€ 628,00" in youth
    assert "<strong>Jeugd- en opvoedhulp</strong>: De Vechtstroom Jeugdhulp, Pleegzorg IJsselland, Gezinshuis De Linde" in page
    assert 'role="img" aria-label="Prognose ' in page and "jeugd-opvoedhulp" not in text_of(page)


async def test_the_tariff_view_shows_the_spread_and_the_month_at_the_regional_tariff(region):
    runtime, client = region
    await publish_allocation(runtime, allocation(300201))
    await publish_settled(runtime, settled("98000006", "0193", [line("T1", 8 * 8240, volume=8)]))
    await signed_in(runtime, client, "controller")
    page = (await client.get("/tarieven?jaar=2026&maand=3", headers=HTML)).text
    assert "<h1 class=\"utrecht-heading-1\">Tariefharmonisatie maart 2026</h1>" in page
    hour = row_of(page, "Ambulante jeugdhulp individueel")
    assert "45A01, per uur, 3 tarieven" in hour and "€ 78,50 € 78,50 € 82,40 € 78,50" in hour
    assert "€ 659,20 € 628,00 -€ 31,20" in hour
    assert 'aria-label="3 tarieven van € 78,50 tot € 82,40 per uur, mediaan € 78,50; regiotarief € 78,50"' in page
    assert "€ 220,00 regiobestand" in row_of(page, "Verblijf gezinshuis")
    assert "tegen regiotarieven was dat € 628,00 geweest (€ 31,20 minder)" in text_of(page)


async def test_the_outcome_indicators_link_each_row_to_its_cases_by_pseudonym(region):
    runtime, client = region
    await stopped_clients(runtime)
    await signed_in(runtime, client, "controller")
    page = (await client.get("/uitkomsten?jaar=2026", headers=HTML)).text
    row = row_of(page, "De Vechtstroom Jeugdhulp")
    assert row.split() == ["Ambulante", "jeugdhulp", "individueel", "2", "1", "(50,0", "%)", "gemiddeld", "71,",
                           "mediaan", "86", "1", "van", "2", "(50,0", "%)", "Trajecten", "van", "De", "Vechtstroom",
                           "Jeugdhulp,", "Ambulante", "jeugdhulp", "individueel"]
    cases_link = re.search(r'href="(/uitkomsten/trajecten\?[^"]+)"', page).group(1)  # type: ignore[union-attr]
    cases = (await client.get(cases_link.replace("&amp;", "&"), headers=HTML)).text
    assert "300202" in cases and "voortijdig door cliënt" in cases and "999900002" not in cases
    assert re.search(r'<span class="wb-code">P[A-Z2-7]{16}</span>', cases)
    municipalities = (await client.get("/uitkomsten?jaar=2026&niveau=gemeente", headers=HTML)).text
    assert row_of(municipalities, "Zwolle").split()[:2] == ["2", "1"]


async def upload_scores(client: httpx.AsyncClient, content: str) -> httpx.Response:
    token = token_of(await client.get("/uitkomsten/scores?jaar=2026", headers=HTML))
    return await client.post("/uitkomsten/scores?jaar=2026", headers=HTML, data={"csrf_token": token},
                             files={"bestand": ("scores-2026.csv", content.encode(), "text/csv")})


async def test_a_bad_scores_file_is_listed_problem_by_problem_in_dutch_and_nothing_is_applied(region):
    runtime, client = region
    await signed_in(runtime, client, "controller")
    refused = await upload_scores(client, SCORES_HEADER + "98000099;;2026;7,8;80;10\n98000001;;2026-K5;11;;10\n")
    assert refused.status_code == 422
    assert "Het bestand is geweigerd: 3 problemen" in refused.text
    assert row_of(refused.text, "2").startswith(" aanbieder 98000099 Dit is geen aanbieder van de regio")
    third = re.findall(r'scope="row">3</th>(.*?)</tr>', refused.text, re.S)
    assert [text_of(t).split()[0] for t in third] == ["periode", "tevredenheid"]
    assert "HF-OUTCOME-PERIOD" in refused.text and "cijfer van 1 tot en met 10" in refused.text
    assert "Voor 2026 zijn nog geen scores aangeleverd." in refused.text


async def test_a_good_scores_file_is_applied_and_shown(region):
    runtime, client = region
    await signed_in(runtime, client, "controller")
    done = await upload_scores(client, SCORES_HEADER + "98000001;;2026-K2;7,8;82,5;41\n98000003;;2026;8;;12\n")
    assert done.status_code == 303 and done.headers["location"] == "/uitkomsten/scores?jaar=2026"
    page = (await client.get(done.headers["location"], headers=HTML)).text
    assert "Het scorebestand is ingelezen: 2 regels over 2026, 2e kwartaal 2026." in page
    assert row_of(page, "Sallandse Zorgboerderij") == " alle zorg van de aanbieder 8,0 – 12 "
    quarter = (await client.get("/uitkomsten/scores?jaar=2026&kwartaal=2", headers=HTML)).text
    assert row_of(quarter, "De Vechtstroom Jeugdhulp") == " alle zorg van de aanbieder 7,8 82,5 % 41 "


async def test_an_empty_upload_is_named_beside_the_field(region):
    runtime, client = region
    await signed_in(runtime, client, "controller")
    empty = await upload_scores(client, "")
    assert empty.status_code == 422 and 'id="bestand-fout"' in empty.text


async def test_finance_settles_a_closed_quarter_once_and_the_second_time_is_refused_by_its_rule(region):
    runtime, client = region
    await signed_in(runtime, client, "financien")
    await upload_scores(client, SCORES_HEADER + "98000003;;2026-K1;;76;30\n")
    form = await client.get("/uitkomstafspraken?jaar=2026", headers=HTML)
    settle = {"periode": "2026-K1", "csrf_token": token_of(form)}
    done = await client.post("/uitkomstafspraken/afrekenen?jaar=2026", headers=HTML, data=settle)
    assert done.status_code == 303
    page = (await client.get(done.headers["location"], headers=HTML)).text
    assert "over 1e kwartaal 2026 zijn afgerekend: 1 afspraak." in page
    assert "1e kwartaal 2026 76,0 % 70 % 30 bonus € 1.000,00 openstaand" in row_of(page, "Sallandse Zorgboerderij")
    again = await client.post("/uitkomstafspraken/afrekenen?jaar=2026", headers=HTML, data=settle)
    assert again.status_code == 409
    assert "Deze periode is al afgerekend" in again.text and "HF-OUTCOME-SETTLED" in again.text
    assert "bonus € 1.000,00" in again.text  # the item of the first settlement, still once


async def test_a_controller_reads_the_settlements_but_has_no_form_to_settle(region):
    runtime, client = region
    await signed_in(runtime, client, "controller")
    page = await client.get("/uitkomstafspraken", headers=HTML)
    assert page.status_code == 200 and "Afspraken afrekenen" not in page.text
    refused = await client.post("/uitkomstafspraken/afrekenen", headers=HTML,
                                data={"periode": "2026-K1", "csrf_token": token_of(page)})
    assert refused.status_code == 403
