"""The audit log and the lawfulness screens in process (no browser): who sees them, the filters in
the URL, a search by BSN that leaves no BSN in any address, the chain's status, the downloads, and
the lawfulness totals with their drill-down."""

from __future__ import annotations

import io
import re

from openpyxl import load_workbook

from tests.integration.payments.conftest import region  # noqa: F401 (fixture)
from tests.integration.payments.test_lawfulness import OVERRIDE, evidenced, paid
from tests.integration.web.test_workbench import HTML, signed_in, token_of
from tests.support.embedded import settle


async def test_finance_sees_neither_screen(region):
    runtime, client = region
    await signed_in(runtime, client)
    home = await client.get("/", headers=HTML)
    assert 'href="/auditlog"' not in home.text and 'href="/rechtmatigheid"' not in home.text
    assert (await client.get("/auditlog", headers=HTML)).status_code == 403
    assert (await client.get("/rechtmatigheid", headers=HTML)).status_code == 403


async def test_the_auditor_sees_both_and_the_log_holds_the_sign_in(region):
    runtime, client = region
    await signed_in(runtime, client, "accountant")
    await settle(runtime)
    home = await client.get("/", headers=HTML)
    assert 'href="/auditlog"' in home.text and 'href="/rechtmatigheid"' in home.text and "(accountant)" in home.text
    assert "U kunt alles inzien, van elke gemeente van de regio, en niets wijzigen." in home.text
    log = await client.get("/auditlog?actie=login&uitkomst=allowed", headers=HTML)
    assert log.status_code == 200 and "accountant" in log.text and "toegestaan" in log.text


async def test_a_search_by_bsn_redirects_to_the_pseudonym_and_no_address_holds_the_bsn(region):
    runtime, client = region
    await signed_in(runtime, client, "beheer")
    page = await client.get("/auditlog", headers=HTML)
    answer = await client.post("/auditlog/client", headers=HTML, data={"bsn": "999900006", "csrf_token": token_of(page)})
    assert answer.status_code == 303 and "999900006" not in answer.headers["location"]
    assert re.fullmatch(r"/auditlog\?client=[0-9a-f]{64}", answer.headers["location"])
    wrong = await client.post("/auditlog/client", headers=HTML, data={"bsn": "123456789", "csrf_token": token_of(page)})
    assert wrong.status_code == 422 and 'id="bsn-fout"' in wrong.text and "elfproef" in wrong.text


async def test_the_chain_status_and_the_downloads(region):
    runtime, client = region
    await signed_in(runtime, client, "accountant")
    await settle(runtime)
    assert "De keten is heel" in (await client.get("/auditlog/keten", headers=HTML)).text
    csv = await client.get("/auditlog/export.csv?actie=login", headers=HTML)
    assert csv.content.startswith("\ufeffvolgnummer;".encode()) and b";login;" in csv.content
    xlsx = await client.get("/auditlog/export.xlsx?actie=login", headers=HTML)
    assert load_workbook(io.BytesIO(xlsx.content)).active["F2"].value == "login"


async def test_the_lawfulness_totals_lead_to_their_lines_and_the_workbook(region):
    runtime, client = region
    await paid(runtime, client, evidenced("W1", 62800, OVERRIDE), evidenced("W2", 31400))
    await signed_in(runtime, client, "controller")
    page = await client.get("/rechtmatigheid?gemeente=0193&jaar=2026", headers=HTML)
    assert "Zwolle, 2026" in page.text and "€ 942,00" in page.text and "gecontroleerd" in page.text
    assert "onder de grens" in page.text
    link = re.search(r'href="(/rechtmatigheid/regels\?[^"]*reden=override[^"]*)"', page.text).group(1)  # type: ignore[union-attr]
    lines = await client.get(link.replace("&amp;", "&"), headers=HTML)
    assert "1 regel." in lines.text and "W1" in lines.text and "W2" not in lines.text
    workbook = await client.get("/rechtmatigheid/werkmap?gemeente=0193&jaar=2026", headers=HTML)
    assert "Voorwaarden" in load_workbook(io.BytesIO(workbook.content)).sheetnames


async def test_a_wrong_year_is_named_beside_the_field(region):
    runtime, client = region
    await signed_in(runtime, client, "controller")
    page = await client.get("/rechtmatigheid?gemeente=0193&jaar=twintig", headers=HTML)
    assert 'id="jaar-fout"' in page.text and 'href="#jaar"' in page.text
