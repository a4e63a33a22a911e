"""Four eyes on payment runs over HTTP: a run is approved by a finance user other than its creator
before it is exported."""

from __future__ import annotations

from tests.integration.payments.conftest import FINANCE, SECOND_FINANCE, create_run, line, publish_settled, settled

RUNS = "/payments/v1/runs"


async def created_run(runtime, client) -> str:  # type: ignore[no-untyped-def]
    await publish_settled(runtime, settled("98000001", "0193", [line("A1", 60000)]))
    return (await create_run(client)).json()["run_id"]


async def test_the_creator_approving_their_own_run_is_refused_with_the_reason(region):
    runtime, client = region
    run_id = await created_run(runtime, client)
    refused = await client.post(f"{RUNS}/{run_id}/approve", json={}, headers=FINANCE)
    assert refused.status_code == 403 and "HF-FOUR-EYES" in refused.text and "financien" in refused.text
    run = (await client.get(f"{RUNS}/{run_id}", headers=FINANCE)).json()
    assert (run["status"], run["approved_by"]) == ("created", None)


async def test_a_run_not_approved_is_not_exported(region):
    runtime, client = region
    run_id = await created_run(runtime, client)
    assert (await client.post(f"{RUNS}/{run_id}/export", json={}, headers=FINANCE)).status_code == 409
    assert (await client.get(f"{RUNS}/{run_id}/file", headers=FINANCE)).status_code == 404


async def test_a_second_finance_user_approves_and_the_run_shows_both(region):
    runtime, client = region
    run_id = await created_run(runtime, client)
    approved = await client.post(f"{RUNS}/{run_id}/approve", json={"note": "checked"}, headers=SECOND_FINANCE)
    assert approved.status_code == 200, approved.text
    exported = (await client.post(f"{RUNS}/{run_id}/export", json={}, headers=FINANCE)).json()
    assert (exported["status"], exported["created_by"], exported["approved_by"]) == (
        "exported", "financien", "financien2")
    listed = (await client.get(RUNS, headers=FINANCE)).json()
    assert [(r["created_by"], r["approved_by"]) for r in listed] == [("financien", "financien2")]
