"""The region's ledger and lump-sum screens in process (issue 17): the equalisation and the
months per municipality, the lump sums with their monitoring, a finance user booking the periods
begun (POST-redirect-GET, checked through the API), and the downloads the service made."""

from __future__ import annotations

import io
from datetime import date

from openpyxl import load_workbook

from tests.integration.payments.conftest import FINANCE, line, publish_settled, region, settled  # noqa: F401
from tests.integration.web.test_workbench import HTML, signed_in, token_of


async def test_the_ledger_page_shows_each_municipalitys_equalisation_and_months(region):
    runtime, client = region
    await publish_settled(runtime, settled("98000001", "0193", [line("Z1", 123456, date(2026, 3, 1))]))
    await signed_in(runtime, client, "controller")
    page = await client.get("/grootboek?jaar=2026&gemeente=0193", headers=HTML)
    assert page.status_code == 200
    assert "<h1 class=\"utrecht-heading-1\">Grootboek en verevening 2026</h1>" in page.text
    assert ">Zwolle</th>" in page.text and ">Deventer<" not in page.text  # names, and only the chosen municipality
    assert ">Zwolle, maart 2026</th>" in page.text and "€ 1.234,56" in page.text
    assert "betaalt bij" in page.text or "ontvangt" in page.text


async def test_the_ledger_downloads_as_excel_with_the_equalisation_sheet(region):
    runtime, client = region
    await signed_in(runtime, client, "controller")
    answer = await client.get("/grootboek/grootboek.xlsx?jaar=2026", headers=HTML)
    assert answer.status_code == 200 and "attachment" in answer.headers["content-disposition"]
    sheets = load_workbook(io.BytesIO(answer.content)).sheetnames
    assert len(sheets) == 2 and sheets[1].startswith("verevening")


async def test_finance_books_the_lump_sum_periods_begun_and_sees_them_on_the_page(region):
    runtime, client = region
    await signed_in(runtime, client, "financien")
    page = await client.get("/vaste-bedragen?jaar=2026", headers=HTML)
    assert page.status_code == 200 and "Gezinshuis De Linde: linde-beschikbaarheid-2026" in page.text
    done = await client.post("/vaste-bedragen/inplannen?jaar=2026", headers=HTML,
                             data={"tot": "2026-02-15", "csrf_token": token_of(page)})
    assert done.status_code == 303
    items = (await client.get("/payments/v1/items", headers=FINANCE)).json()
    assert sorted(i["item_id"] for i in items if i["kind"] == "lumpsum") == [
        "lumpsum:linde-beschikbaarheid-2026:2026-01-01", "lumpsum:linde-beschikbaarheid-2026:2026-02-01"]
    after = await client.get(done.headers["location"], headers=HTML)
    assert "2 perioden met een vast bedrag zijn ingepland" in after.text and "€ 90.000,00" in after.text


async def test_a_date_that_is_not_one_is_refused_beside_its_field_and_books_nothing(region):
    runtime, client = region
    await signed_in(runtime, client, "financien")
    page = await client.get("/vaste-bedragen?jaar=2026", headers=HTML)
    done = await client.post("/vaste-bedragen/inplannen?jaar=2026", headers=HTML,
                             data={"tot": "morgen", "csrf_token": token_of(page)})
    assert done.status_code == 422 and 'id="tot-fout"' in done.text
    assert (await client.get("/payments/v1/items", headers=FINANCE)).json() == []


async def test_a_settlement_due_date_that_is_not_one_is_refused_beside_its_schedules_field(region):
    runtime, client = region
    await signed_in(runtime, client, "financien")
    page = await client.get("/vaste-bedragen?jaar=2026", headers=HTML)
    done = await client.post("/vaste-bedragen/linde-beschikbaarheid-2026/afrekenen?jaar=2026", headers=HTML,
                             data={"vervaldatum": "eind januari", "csrf_token": token_of(page)})
    assert done.status_code == 422
    field = "vervaldatum-linde-beschikbaarheid-2026"
    assert f'href="#{field}"' in done.text and f'id="{field}-fout"' in done.text
    assert f'aria-describedby="{field}-fout"' in done.text and 'value="eind januari"' in done.text
    assert (await client.get("/payments/v1/items", headers=FINANCE)).json() == []
