"""An exported run is final over HTTP; a transfer the bank returned is owed again, once."""

from __future__ import annotations

from typing import Any

import httpx

from services.payments.adapters.rebuild import PROJECTIONS, rebuild_projections
from tests.integration.payments.conftest import (
    FINANCE, FINANCE_ZWOLLE, TODAY, approve, create_run, line, publish_settled, settled, transfers,
)
from tests.support.read_models import snapshot

RUNS = "/payments/v1/runs"


async def exported(client: httpx.AsyncClient) -> dict[str, Any]:
    run = (await create_run(client)).json()
    await approve(client, run["run_id"])
    done = await client.post(f"{RUNS}/{run['run_id']}/export", json={}, headers=FINANCE)
    assert done.status_code == 200, done.text
    return done.json()


async def bank_returns(client: httpx.AsyncClient, run_id: str, provider: str, amount: int,
                       headers: dict[str, str] = FINANCE) -> httpx.Response:
    body = {"amount": amount, "reason": "AC04", "returned_on": TODAY.isoformat()}
    return await client.post(f"{RUNS}/{run_id}/transfers/{provider}/return", json=body, headers=headers)


async def two_providers_exported(runtime: Any, client: httpx.AsyncClient) -> dict[str, Any]:
    await publish_settled(runtime, settled("98000001", "0193", [line("A1", 60000)]))
    await publish_settled(runtime, settled("98000003", "0150", [line("B1", 25000, code="41A01")]))
    return await exported(client)


async def test_an_exported_run_cannot_be_cancelled_and_its_items_stay_in_it(region):
    runtime, client = region
    run = await two_providers_exported(runtime, client)
    cancel = await client.post(f"{RUNS}/{run['run_id']}/cancel", json={"reason": "oops"}, headers=FINANCE)
    assert cancel.status_code == 409 and "HF-RUN-EXPORTED" in cancel.text
    assert {i["status"] for i in (await client.get("/payments/v1/items", headers=FINANCE)).json()} == {"in_run"}
    assert (await create_run(client)).status_code == 409


async def test_a_returned_transfer_is_paid_by_the_next_run_and_the_first_file_is_unchanged(region):
    runtime, client = region
    run = await two_providers_exported(runtime, client)
    file = (await client.get(f"{RUNS}/{run['run_id']}/file", headers=FINANCE)).content
    returned = await bank_returns(client, run["run_id"], "98000001", 60000)
    assert returned.status_code == 200, returned.text
    assert returned.json()["returned"] == [{"provider": "98000001", "amount": 60000, "reason": "AC04",
                                            "returned_on": TODAY.isoformat()}]
    assert transfers((await create_run(client)).json()) == {"98000001": 60000}
    assert (await bank_returns(client, run["run_id"], "98000001", 60000)).status_code == 200
    assert (await create_run(client)).status_code == 409  # returned once: nothing more is owed
    assert (await client.get(f"{RUNS}/{run['run_id']}/file", headers=FINANCE)).content == file


async def test_confirming_after_a_return_pays_only_the_transfers_that_stand(region):
    runtime, client = region
    run = await two_providers_exported(runtime, client)
    await bank_returns(client, run["run_id"], "98000001", 60000)
    confirmed = await client.post(f"{RUNS}/{run['run_id']}/confirm", json={}, headers=FINANCE)
    assert {i["item_id"]: i["status"] for i in confirmed.json()["items"]} == {"98000001:A1": "due",
                                                                            "98000003:B1": "paid"}
    db = runtime.container("payments").db
    before = await snapshot(db, PROJECTIONS)
    await rebuild_projections(db)
    assert await snapshot(db, PROJECTIONS) == before


async def test_a_return_that_is_not_the_transfers_return_is_refused_and_changes_nothing(region):
    runtime, client = region
    run = await two_providers_exported(runtime, client)
    assert (await bank_returns(client, run["run_id"], "98000001", 59999)).status_code == 422
    assert (await bank_returns(client, run["run_id"], "98000002", 100)).status_code == 404
    assert (await bank_returns(client, "run-nope", "98000001", 60000)).status_code == 404
    assert (await bank_returns(client, run["run_id"], "98000001", 60000, FINANCE_ZWOLLE)).status_code == 404
    assert {i["status"] for i in (await client.get("/payments/v1/items", headers=FINANCE)).json()} == {"in_run"}
