"""Finance's payment runs in the browser, each task ending in an effect outside the workbench: a
run one finance user creates is refused to that user's approval (four eyes) and approved by a
second, exported, and its downloaded pain.001 validates against the pain.001.001.03 XSD the
payments service renders it by; a bank statement built from that file, with one transfer
returned, is uploaded and confirms the run while the returned provider is owed again."""

from __future__ import annotations

import re
from typing import Any

import httpx
from playwright.sync_api import expect
from sepaxml.validation import try_valid_xml

from tests.browser.conftest import FINANCE
from tests.integration.payments.conftest import line, publish_settled, settled
from tests.support.camt053 import sent, statement

SECOND_FINANCE = {"Authorization": "Bearer demo-staff-financien2"}


def declared(served: Any, reference: str) -> None:
    """Approved care that becomes due, as invoicing would publish it (setup)."""
    lines = [line(f"{reference}-1", 78500), line(f"{reference}-2", 31400)]
    served.run(lambda: publish_settled(served.runtime, settled("98000001", "0193", lines)))
    served.run(lambda: publish_settled(served.runtime, settled("98000003", "0150", [line(reference, 27600, code="41A01")])))


def api(served: Any, path: str) -> Any:
    return httpx.get(f"{served.base_url}{path}", headers=FINANCE).json()


def test_a_run_is_refused_to_its_creator_and_approved_exported_and_downloaded_by_a_colleague(visit, served):
    declared(served, "BR-RUN")
    visit.sign_in("financien")
    page = visit.page
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Betaalrondes").click()
    visit.check("payment-runs")
    page.get_by_label("Alles wat vervalt tot en met").fill("31-12-2099")
    page.get_by_role("button", name="Betaalronde aanmaken").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Betaalronde tot en met 31 december 2099")
    run_id = page.url.rsplit("/", 1)[1]
    expect(page.get_by_role("note", name="Vier ogen")).to_contain_text("financien2")
    expect(page.get_by_role("button", name="Betaalronde goedkeuren")).to_have_count(0)
    visit.check("payment-run-created-by-me")
    visit.sign_in("financien2")
    # The package's region already holds a run up to the same date: pick this one by its address.
    page.get_by_role("region", name="Betaalrondes").locator(f'a[href="/betaalrondes/{run_id}"]').click()
    page.get_by_label("Notitie bij het akkoord (niet verplicht)").fill("Bedragen per aanbieder nagelopen")
    page.get_by_role("button", name="Betaalronde goedkeuren").click()
    expect(page.get_by_role("status")).to_contain_text("U heeft de betaalronde goedgekeurd")
    page.get_by_role("button", name="Exporteren naar de bank").click()
    visit.check("payment-run-exported")
    with page.expect_download() as download:
        page.get_by_role("link", name=re.compile("SEPA-betaalbestand downloaden")).click()
    pain001 = open(download.value.path(), "rb").read()
    try_valid_xml(pain001, "pain.001.001.03")
    run = api(served, f"/payments/v1/runs/{run_id}")
    assert (run["status"], run["created_by"], run["approved_by"]) == ("exported", "financien", "financien2")
    assert sum(sent(pain001).values()) == run["total"]
    page.get_by_role("link", name="Specificatie van De Vechtstroom Jeugdhulp").click()
    expect(page.get_by_role("table", name=re.compile("^Declaratieregels"))).to_contain_text("BR-RUN-2")
    visit.check("payment-specification")


def exported_run(served: Any) -> tuple[str, dict[str, int]]:
    """A run of newly due care, created by one finance user, approved by another and exported (setup)."""
    declared(served, "BR-STMT")
    run = httpx.post(f"{served.base_url}/payments/v1/runs", json={"due_up_to": "2099-12-31"}, headers=FINANCE).json()
    httpx.post(f"{served.base_url}/payments/v1/runs/{run['run_id']}/approve", json={}, headers=SECOND_FINANCE)
    httpx.post(f"{served.base_url}/payments/v1/runs/{run['run_id']}/export", json={}, headers=FINANCE)
    file = httpx.get(f"{served.base_url}/payments/v1/runs/{run['run_id']}/file", headers=FINANCE).content
    return run["run_id"], sent(file)


def test_a_bank_statement_confirms_the_run_and_the_returned_transfer_is_owed_again(visit, served):
    run_id, transfers = exported_run(served)
    returned = next(e2e for e2e in transfers if e2e.endswith("98000003"))
    xml = statement(transfers, returned={returned: "AC04"}, statement_id=f"STMT-{run_id[-6:]}")
    visit.sign_in("financien")
    page = visit.page
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Bankafschriften").click()
    visit.check("bank-statements")
    page.get_by_label("Bankafschrift (camt.053, XML)").set_input_files(
        files=[{"name": "camt053.xml", "mimeType": "application/xml", "buffer": xml}])
    page.get_by_role("button", name="Afschrift inlezen").click()
    expect(page.get_by_role("status")).to_contain_text("1 teruggeboekt")
    expect(page.get_by_role("region", name="Teruggeboekt")).to_contain_text("rekening opgeheven")
    visit.check("bank-statement-outcome")
    assert api(served, f"/payments/v1/runs/{run_id}")["status"] == "confirmed"
    owed = [r for r in api(served, "/payments/v1/returns") if r["run_id"] == run_id]
    assert [(r["provider"], r["state"]) for r in owed] == [("98000003", "due")]
    page.get_by_role("link", name="Overzicht").click()
    expect(page.get_by_role("table", name=re.compile("Terugboekingen"))).to_contain_text("Sallandse Zorgboerderij")
    visit.check("home-finance-payments")
    page.get_by_role("link", name="Naar de betaalrondes").click()
    expect(page.get_by_role("table", name=re.compile("^Betaalrondes"))).to_contain_text("uitgevoerd door de bank")
    visit.check("payment-runs-listed")


def test_advances_are_scheduled_from_the_form_and_settled_per_provider_and_year(visit, served):
    visit.sign_in("financien")
    page = visit.page
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Voorschotten").click()
    page.get_by_label("Maanden die beginnen tot en met").fill("01-02-2026")
    page.get_by_role("button", name="Voorschotten inplannen").click()
    expect(page.get_by_role("status")).to_contain_text("voorschotten ingepland")
    advances = api(served, "/payments/v1/items?kind=advance")
    assert {(a["provider"], a["period_start"]) for a in advances} >= {("98000002", "2026-02-01"), ("98000004", "2026-01-01")}
    page.get_by_role("combobox", name="Aanbieder").select_option(label="Kindkracht GGZ Overijssel")
    page.get_by_role("combobox", name="Jaar").select_option("2026")
    page.get_by_role("button", name="Afrekening tonen").click()
    expect(page.get_by_role("table", name=re.compile("^Afrekening"))).to_contain_text("€ 250.000,00")
    visit.check("advances")
