"""Payment specifications over HTTP: finance reads any provider's in a run, a provider its own in
the runs sent to the bank; as JSON and as CSV for Dutch spreadsheets."""

from __future__ import annotations

from tests.integration.payments.conftest import (
    FINANCE, approve, create_run, line, publish_settled, settled,
)

RUNS = "/payments/v1/runs"
MINE = "/payments/v1/specifications"
PROVIDER_1 = {"Authorization": "Bearer demo-aanbieder-98000001"}
PROVIDER_3 = {"Authorization": "Bearer demo-aanbieder-98000003"}


async def a_run(runtime, client, export: bool = True) -> str:  # type: ignore[no-untyped-def]
    lines = [line("A1", 60000), line("A2", 40050), line("A3", -5000, previous="A0")]
    await publish_settled(runtime, settled("98000001", "0193", lines))
    await publish_settled(runtime, settled("98000003", "0150", [line("B1", 25000, code="41A01")]))
    run_id = (await create_run(client)).json()["run_id"]
    if export:
        await approve(client, run_id)
        assert (await client.post(f"{RUNS}/{run_id}/export", json={}, headers=FINANCE)).status_code == 200
    return run_id


async def test_finance_reads_a_providers_lines_and_credits_with_the_transfers_references(region):
    runtime, client = region
    run_id = await a_run(runtime, client)
    spec = (await client.get(f"{RUNS}/{run_id}/specifications/98000001", headers=FINANCE)).json()
    assert (spec["total"], spec["credits"], spec["end_to_end_id"]) == (95050, -5000, f"{run_id}-98000001")
    assert spec["remittance"] == "decl D1, periode 2026-03"
    assert [(i["kind"], i["reference"], i["credited_reference"], i["amount"]) for i in spec["items"]] == [
        ("credit", "A3", "A0", -5000), ("line", "A1", None, 60000), ("line", "A2", None, 40050)]  # by due date


async def test_the_csv_opens_in_dutch_excel_with_semicolons_and_decimal_commas(region):
    runtime, client = region
    run_id = await a_run(runtime, client)
    csv = await client.get(f"{RUNS}/{run_id}/specifications/98000001?format=csv", headers=FINANCE)
    assert csv.headers["content-type"].startswith("text/csv")
    assert csv.content.startswith(b"\xef\xbb\xbf")  # UTF-8 BOM: Excel reads it as UTF-8
    rows = csv.content.decode("utf-8-sig").splitlines()
    assert rows[0].split(";")[:3] == ["betaalreferentie", "soort", "gemeente"]
    assert rows[1].endswith(";creditregel;0193;D1;A3;A0;98000001;2026-03;;;-50,00")
    assert rows[3] == f"{run_id}-98000001;declaratieregel;0193;D1;A2;;98000001;2026-03;;;400,50"


async def test_a_provider_reads_its_own_specifications_and_no_others(region):
    runtime, client = region
    run_id = await a_run(runtime, client)
    mine = (await client.get(MINE, headers=PROVIDER_1)).json()
    assert [(s["run_id"], s["provider"], s["total"]) for s in mine] == [(run_id, "98000001", 95050)]
    assert (await client.get(f"{MINE}/{run_id}/98000001", headers=PROVIDER_1)).status_code == 200
    assert (await client.get(f"{MINE}/{run_id}/98000001", headers=PROVIDER_3)).status_code == 404
    assert (await client.get(f"{MINE}/{run_id}/98000001", headers=FINANCE)).status_code == 401
    assert (await client.get(MINE)).status_code == 401


async def test_a_provider_does_not_see_a_run_before_it_is_sent_to_the_bank(region):
    runtime, client = region
    run_id = await a_run(runtime, client, export=False)
    assert (await client.get(MINE, headers=PROVIDER_1)).json() == []
    assert (await client.get(f"{MINE}/{run_id}/98000001", headers=PROVIDER_1)).status_code == 404
    assert (await client.get(f"{RUNS}/{run_id}/specifications/98000002", headers=FINANCE)).status_code == 404
