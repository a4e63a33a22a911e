"""Importing the bank's camt.053 statement over HTTP: transfers booked confirm their run, returned
ones are owed again with the bank's reason; a statement that cannot be imported changes nothing."""

from __future__ import annotations

from typing import Any

import httpx

from tests.integration.payments.conftest import (
    FINANCE, FINANCE_ZWOLLE, approve, create_run, line, publish_settled, settled, transfers,
)
from tests.support.camt053 import sent, statement

RUNS, STATEMENTS = "/payments/v1/runs", "/payments/v1/statements"
XML = {"Content-Type": "application/xml"}


async def exported(runtime, client) -> tuple[dict[str, Any], dict[str, int]]:  # type: ignore[no-untyped-def]
    """A run paying 98000001 and 98000003, sent to the bank; its file's transfers by EndToEndId."""
    await publish_settled(runtime, settled("98000001", "0193", [line("A1", 60000)]))
    await publish_settled(runtime, settled("98000003", "0150", [line("B1", 25000, code="41A01")]))
    run = (await create_run(client)).json()
    await approve(client, run["run_id"])
    run = (await client.post(f"{RUNS}/{run['run_id']}/export", json={}, headers=FINANCE)).json()
    return run, sent((await client.get(f"{RUNS}/{run['run_id']}/file", headers=FINANCE)).content)


async def post(client: httpx.AsyncClient, xml: bytes, headers: dict[str, str] = FINANCE) -> httpx.Response:
    return await client.post(STATEMENTS, content=xml, headers={**headers, **XML})


async def item_states(client: httpx.AsyncClient) -> dict[str, str]:
    return {i["item_id"]: i["status"] for i in (await client.get("/payments/v1/items", headers=FINANCE)).json()}


async def test_a_statement_confirms_the_run_and_a_returned_transfer_is_owed_again_with_the_banks_reason(region):
    runtime, client = region
    run, file = await exported(runtime, client)
    returned_id = f"{run['run_id']}-98000003"
    done = await post(client, statement(file, returned={returned_id: "AC04"}))
    assert done.status_code == 201, done.text
    body = done.json()
    assert [(b["provider"], b["amount"]) for b in body["booked"]] == [("98000001", 60000), ("98000003", 25000)]
    assert [(r["provider"], r["reason"]) for r in body["returned"]] == [("98000003", "AC04")]
    assert body["confirmed"] == [run["run_id"]]
    assert await item_states(client) == {"98000001:A1": "paid", "98000003:B1": "due"}
    assert transfers((await create_run(client)).json()) == {"98000003": 25000}  # paid once more, nothing else


async def test_the_same_statement_twice_is_refused_and_changes_nothing(region):
    runtime, client = region
    run, file = await exported(runtime, client)
    xml = statement(file)
    assert (await post(client, xml)).status_code == 201
    events = len(await runtime.container("payments").db.read_all())
    again = await post(client, xml)
    assert again.status_code == 409 and "HF-STATEMENT-TWICE" in again.text
    assert len(await runtime.container("payments").db.read_all()) == events
    assert len((await client.get(STATEMENTS, headers=FINANCE)).json()) == 1


async def test_a_statement_of_another_account_or_matching_no_run_is_refused_and_changes_nothing(region):
    runtime, client = region
    run, file = await exported(runtime, client)
    other = await post(client, statement(file, account="NL91ABNA0417164300"))
    assert other.status_code == 422 and "HF-STATEMENT-ACCOUNT" in other.text
    unknown = await post(client, statement({"run-000000000000-98000001": 60000}))
    assert unknown.status_code == 422 and "HF-STATEMENT-NO-RUN" in unknown.text
    wrong = await post(client, statement({**file, f"{run['run_id']}-98000001": 59999}))
    assert wrong.status_code == 422 and "59999" in wrong.text
    assert set((await item_states(client)).values()) == {"in_run"}
    assert (await client.get(STATEMENTS, headers=FINANCE)).json() == []


async def test_what_is_not_a_camt053_statement_is_refused_naming_why(region):
    runtime, client = region
    run, file = await exported(runtime, client)
    pain = (await client.get(f"{RUNS}/{run['run_id']}/file", headers=FINANCE)).content
    for xml, why in ((b"not xml", "well-formed"), (pain, "not a camt.053.001.02"),
                     (b'<!DOCTYPE x [<!ENTITY e "x">]><x>&e;</x>', "DOCTYPE")):
        refused = await post(client, xml)
        assert refused.status_code == 422 and why in refused.text, refused.text


async def test_a_batch_booking_and_a_statement_in_two_parts_confirm_the_run_when_all_is_booked(region):
    runtime, client = region
    run, file = await exported(runtime, client)
    first, second = ({e2e: c} for e2e, c in file.items())
    part = (await post(client, statement(first, batch=True, statement_id="STMT-1"))).json()
    assert part["confirmed"] == [] and (await client.get(f"{RUNS}/{run['run_id']}", headers=FINANCE)).json()[
        "status"] == "exported"
    rest = (await post(client, statement(second, statement_id="STMT-2"))).json()
    assert rest["confirmed"] == [run["run_id"]]
    assert set((await item_states(client)).values()) == {"paid"}


async def test_only_finance_bound_to_the_whole_region_imports_statements(region):
    runtime, client = region
    run, file = await exported(runtime, client)
    assert (await post(client, statement(file), FINANCE_ZWOLLE)).status_code == 403
