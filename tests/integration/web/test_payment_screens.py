"""Finance's payment screens in process (no browser): a run from creation to the bank file under
four eyes, cancelling only before the export, a bank statement's outcome per transfer or its
refusal, a provider's specification with its CSV, advances, and the home page's payment work."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from datetime import datetime
from typing import Any

import httpx
import pytest
from sepaxml.validation import try_valid_xml

from services.gateway.handlers.parties import StaffSpec, register_staff
from shared.auth.principal import Role
from shared.clock import AMSTERDAM

from tests.integration.payments.conftest import (  # noqa: F401 (fixture)
    FINANCE, approve, create_run, line, publish_settled, region, settled,
)
from tests.integration.web.test_workbench import HTML, signed_in, token_of
from tests.support.camt053 import sent, statement
from tests.support.embedded import settle

RUNS = "/payments/v1/runs"


@pytest.fixture
async def colleague(region) -> AsyncIterator[httpx.AsyncClient]:  # noqa: F811
    """A second browser, signed in as the second finance user."""
    _, client = region
    async with httpx.AsyncClient(transport=client._transport, base_url="http://happyflow") as browser:
        await signed_in(region[0], browser, "financien2")
        yield browser


async def due_items(runtime: Any) -> None:
    await publish_settled(runtime, settled("98000001", "0193", [line("A1", 60000), line("A2", -5000, previous="A0")]))
    await publish_settled(runtime, settled("98000003", "0150", [line("B1", 25000, code="41A01")]))


async def post(client: httpx.AsyncClient, page: str, action: str, **form: str) -> httpx.Response:
    token = token_of(await client.get(page, headers=HTML))
    return await client.post(action, headers=HTML, data={**form, "csrf_token": token})


async def run_status(client: httpx.AsyncClient, run_id: str) -> str:
    return (await client.get(f"{RUNS}/{run_id}", headers=FINANCE)).json()["status"]


async def test_a_new_run_opens_with_each_provider_beside_the_previous_run(region):
    runtime, client = region
    await due_items(runtime)
    first = (await create_run(client)).json()["run_id"]
    await approve(client, first)
    await client.post(f"{RUNS}/{first}/export", json={}, headers=FINANCE)
    await publish_settled(runtime, settled("98000001", "0193", [line("A3", 70000)]))
    await signed_in(runtime, client)
    created = await post(client, "/betaalrondes", "/betaalrondes", vervallen_tot="31-12-2099")
    assert created.status_code == 303 and created.headers["location"].startswith("/betaalrondes/run-")
    page = (await client.get(created.headers["location"], headers=HTML)).text
    assert "De Vechtstroom Jeugdhulp" in page and "Per aanbieder, naast de vorige betaalronde" in page
    assert "€ 700,00" in page and "€ 550,00" in page and "+€ 150,00" in page and "-€ 250,00" in page
    assert f'href="/betaalrondes/{first}"' in page


async def test_the_creator_is_told_four_eyes_and_who_may_and_a_forced_approval_changes_nothing(region):
    runtime, client = region
    await due_items(runtime)
    await signed_in(runtime, client)
    run_page = (await post(client, "/betaalrondes", "/betaalrondes", vervallen_tot="31-12-2099")).headers["location"]
    page = (await client.get(run_page, headers=HTML)).text
    assert "U kunt deze betaalronde niet zelf goedkeuren" in page and "Goedkeuren kan: beheer, financien2." in page
    assert "Betaalronde goedkeuren" not in page
    forced = await post(client, run_page, f"{run_page}/goedkeuren", notitie="zelf")
    assert forced.status_code == 403 and "Vier ogen" in forced.text and "HF-FOUR-EYES" in forced.text
    assert await run_status(client, run_page.rsplit("/", 1)[1]) == "created"


async def test_a_colleague_approves_and_exports_and_the_file_is_a_valid_pain001(region, colleague):
    runtime, client = region
    await due_items(runtime)
    run_id = (await create_run(client)).json()["run_id"]
    page = f"/betaalrondes/{run_id}"
    approved = await post(colleague, page, f"{page}/goedkeuren", notitie="Bedragen vergeleken met april")
    assert approved.status_code == 303 and await run_status(client, run_id) == "approved"
    assert "Exporteren naar de bank" in (await colleague.get(page, headers=HTML)).text
    assert (await post(colleague, page, f"{page}/exporteren", uitvoeringsdatum="")).status_code == 303
    file = await colleague.get(f"{page}/bestand", headers=HTML)
    assert file.headers["content-disposition"] == f'attachment; filename="{run_id}.xml"'
    try_valid_xml(file.content, "pain.001.001.03")
    assert sent(file.content) == {f"{run_id}-98000001": 55000, f"{run_id}-98000003": 25000}


async def test_a_run_is_cancelled_with_a_reason_before_its_export_and_never_after(region, colleague):
    runtime, client = region
    await due_items(runtime)
    run_id = (await create_run(client)).json()["run_id"]
    page = f"/betaalrondes/{run_id}"
    empty = await post(colleague, page, f"{page}/annuleren", reden=" ")
    assert empty.status_code == 422 and 'id="reden-fout"' in empty.text and await run_status(client, run_id) == "created"
    assert (await post(colleague, page, f"{page}/annuleren", reden="Bedrag klopt niet")).status_code == 303
    assert await run_status(client, run_id) == "cancelled"
    exported = (await create_run(client)).json()["run_id"]
    await approve(client, exported)
    await client.post(f"{RUNS}/{exported}/export", json={}, headers=FINANCE)
    later = (await colleague.get(f"/betaalrondes/{exported}", headers=HTML)).text
    assert "Betaalronde annuleren" not in later and "Annuleren kan niet meer" in later


async def test_creating_a_run_names_a_wrong_date_beside_the_field_and_nothing_due_by_its_rule(region):
    runtime, client = region
    await signed_in(runtime, client)
    wrong = await post(client, "/betaalrondes", "/betaalrondes", vervallen_tot="morgen")
    assert wrong.status_code == 422 and 'id="vervallen_tot-fout"' in wrong.text and 'href="#vervallen_tot"' in wrong.text
    nothing = await post(client, "/betaalrondes", "/betaalrondes", vervallen_tot="01-01-2000")
    assert nothing.status_code == 409 and "Er staat niets open" in nothing.text and "HF-NOTHING-DUE" in nothing.text
    assert (await client.get(RUNS, headers=FINANCE)).json() == []


async def exported(runtime: Any, client: httpx.AsyncClient) -> tuple[str, dict[str, int]]:
    await due_items(runtime)
    run_id = (await create_run(client)).json()["run_id"]
    await approve(client, run_id)
    await client.post(f"{RUNS}/{run_id}/export", json={}, headers=FINANCE)
    return run_id, sent((await client.get(f"{RUNS}/{run_id}/file", headers=FINANCE)).content)


async def upload(client: httpx.AsyncClient, xml: bytes) -> httpx.Response:
    token = token_of(await client.get("/bankafschriften", headers=HTML))
    return await client.post("/bankafschriften", headers=HTML, data={"csrf_token": token},
                             files={"afschrift": ("afschrift.xml", xml, "application/xml")})


async def test_an_uploaded_statement_shows_each_transfer_booked_or_returned_with_the_banks_reason(region):
    runtime, client = region
    run_id, file = await exported(runtime, client)
    await signed_in(runtime, client)
    done = await upload(client, statement(file, returned={f"{run_id}-98000003": "AC04"}, statement_id="STMT-0603"))
    assert done.status_code == 303 and done.headers["location"] == "/bankafschriften/STMT-0603"
    page = (await client.get(done.headers["location"], headers=HTML)).text
    returned = page.split('id="retour-titel"')[1].split("</section>")[0]
    assert "Sallandse Zorgboerderij" in returned and "rekening opgeheven" in returned and "€ 250,00" in returned
    assert "Het afschrift is ingelezen: 2 betalingen bevestigd, 1 teruggeboekt." in page
    assert "nu uitgevoerd door de bank" in page and await run_status(client, run_id) == "confirmed"
    assert "STMT-0603" in (await client.get("/bankafschriften", headers=HTML)).text
    [listed] = (await client.get("/payments/v1/statements", headers=FINANCE)).json()
    imported_at = datetime.fromisoformat(listed["imported_at"])
    # A time carries its zone (SQLite hands it back naive), and the page says it in Dutch time.
    assert imported_at.tzinfo is not None and f"{imported_at.astimezone(AMSTERDAM):%H:%M} door" in page


async def test_a_refused_statement_names_the_problem_and_changes_nothing(region):
    runtime, client = region
    _, file = await exported(runtime, client)
    await signed_in(runtime, client)
    other = await upload(client, statement(file, account="NL91ABNA0417164300"))
    assert other.status_code == 422 and "niet van de bankrekening van de regio" in other.text
    assert "HF-STATEMENT-ACCOUNT" in other.text
    nothing = await upload(client, b"")
    assert nothing.status_code == 422 and 'id="afschrift-fout"' in nothing.text
    assert (await client.get("/payments/v1/statements", headers=FINANCE)).json() == []


async def test_a_specification_shows_lines_and_credits_and_downloads_as_csv(region):
    runtime, client = region
    await due_items(runtime)
    run_id = (await create_run(client)).json()["run_id"]
    await signed_in(runtime, client)
    page = (await client.get(f"/betaalrondes/{run_id}/specificaties/98000001", headers=HTML)).text
    assert "Betaalspecificatie De Vechtstroom Jeugdhulp" in page and "Creditregels" in page
    assert "maart 2026" in page and "-€ 50,00" in page and "Zwolle" in page
    csv = await client.get(f"/betaalrondes/{run_id}/specificaties/98000001.csv", headers=HTML)
    assert csv.headers["content-type"].startswith("text/csv") and csv.content.startswith(b"\xef\xbb\xbf")
    assert ";creditregel;0193;D1;A2;A0;" in csv.content.decode("utf-8-sig")
    assert (await client.get(f"/betaalrondes/{run_id}/specificaties/98000004", headers=HTML)).status_code == 404


async def test_advances_are_scheduled_and_settled_per_provider_and_year(region):
    runtime, client = region
    await signed_in(runtime, client)
    scheduled = await post(client, "/voorschotten", "/voorschotten/inplannen", tot_en_met="01-03-2026")
    assert scheduled.status_code == 303
    page = (await client.get("/voorschotten", headers=HTML)).text
    assert "6 voorschotten ingepland." in page and "Kindkracht GGZ Overijssel" in page and "€ 125.000,00" in page
    statement_page = (await client.get("/voorschotten?aanbieder=98000002&jaar=2026", headers=HTML)).text
    settlement = statement_page.split('id="afrekening-titel"')[1].split("</section>")[0]
    assert "Kindkracht GGZ Overijssel over 2026" in settlement and "€ 375.000,00" in settlement  # three months open
    csv = await client.get("/voorschotten/afrekening.csv?aanbieder=98000002&jaar=2026", headers=HTML)
    assert csv.status_code == 200 and csv.headers["content-type"].startswith("text/csv")


async def test_home_lists_runs_waiting_for_my_approval_never_my_own_and_returns_to_look_at(region, colleague):
    runtime, client = region
    run_id, file = await exported(runtime, client)
    await client.post("/payments/v1/statements", content=statement(file, returned={f"{run_id}-98000003": "MD07"}),
                      headers={**FINANCE, "Content-Type": "application/xml"})
    await publish_settled(runtime, settled("98000001", "0193", [line("A5", 12300)]))
    created = (await create_run(client)).json()["run_id"]
    colleague_home = (await colleague.get("/", headers=HTML)).text
    assert "Wachten op uw akkoord" in colleague_home and f'href="/betaalrondes/{created}"' in colleague_home
    assert "begunstigde overleden" in colleague_home and "Teruggeboekte betalingen" in colleague_home
    await signed_in(runtime, client)
    own_home = (await client.get("/", headers=HTML)).text
    assert "Wachten op uw akkoord" not in own_home and "1 ronde die u aanmaakte, wacht op het akkoord" in own_home


async def test_only_finance_sees_the_payment_screens(region):
    _, client = region
    await signed_in(region[0], client, "controller")
    home = (await client.get("/", headers=HTML)).text
    assert 'href="/betaalrondes"' not in home and 'href="/bankafschriften"' not in home
    for page in ("/betaalrondes", "/bankafschriften", "/voorschotten"):
        assert (await client.get(page, headers=HTML)).status_code == 403


async def test_finance_staff_of_one_municipality_keep_their_home_page_without_the_regions_runs(region):
    runtime, client = region
    gateway = runtime.container("gateway").context
    await register_staff(gateway, StaffSpec("financien.kampen", (Role.FINANCE,), ("0166",),
                                            password="boter-IJsselkade-zeventig"))
    await settle(runtime)
    await signed_in(runtime, client, "financien.kampen", "boter-IJsselkade-zeventig")
    home = await client.get("/", headers=HTML)
    assert home.status_code == 200 and "Vastgehouden declaratieregels" in home.text and "Betaalrondes</h2>" not in home.text
    assert (await client.get("/betaalrondes", headers=HTML)).status_code == 403


async def test_an_execution_date_in_the_past_is_named_beside_its_field_and_nothing_is_exported(region, colleague):
    runtime, client = region
    await due_items(runtime)
    run_id = (await create_run(client)).json()["run_id"]
    await approve(client, run_id)
    page = f"/betaalrondes/{run_id}"
    past = await post(colleague, page, f"{page}/exporteren", uitvoeringsdatum="01-01-2020")
    assert past.status_code == 409 and 'id="uitvoeringsdatum-fout"' in past.text and "HF-EXECUTION-DATE" in past.text
    assert await run_status(client, run_id) == "approved"
