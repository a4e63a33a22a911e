"""What finance's screens read beside a payment run, over HTTP: the run per provider beside the
previous run sent to the bank, the steps the caller may take (and who may approve), the returned
transfers and where they stand, one statement's outcome; refusals that name their rule."""

from __future__ import annotations

from typing import Any

import httpx

from tests.integration.payments.conftest import (
    FINANCE, FINANCE_ZWOLLE, SECOND_FINANCE, approve, create_run, line, publish_settled, settled,
)
from tests.support.camt053 import sent, statement

RUNS = "/payments/v1/runs"
XML = {"Content-Type": "application/xml"}


async def exported_run(client: httpx.AsyncClient) -> dict[str, Any]:
    run = (await create_run(client)).json()
    await approve(client, run["run_id"])
    return (await client.post(f"{RUNS}/{run['run_id']}/export", json={}, headers=FINANCE)).json()


async def get(client: httpx.AsyncClient, path: str, headers: dict[str, str] = FINANCE) -> Any:
    answer = await client.get(path, headers=headers)
    assert answer.status_code == 200, answer.text
    return answer.json()


async def test_a_run_is_compared_per_provider_with_the_previous_run_sent_to_the_bank(region):
    runtime, client = region
    await publish_settled(runtime, settled("98000001", "0193", [line("A1", 60000), line("A2", 10000)]))
    await publish_settled(runtime, settled("98000003", "0150", [line("B1", 25000, code="41A01")]))
    first = await exported_run(client)
    await publish_settled(runtime, settled("98000001", "0193", [line("A3", 30000)]))
    cancelled = (await create_run(client)).json()  # a cancelled run paid nothing: never the previous one
    await client.post(f"{RUNS}/{cancelled['run_id']}/cancel", json={"reason": "te vroeg"}, headers=FINANCE)
    await publish_settled(runtime, settled("98000005", "0193", [line("C1", 12000, code="54D01")]))
    second = (await create_run(client)).json()
    found = await get(client, f"{RUNS}/{second['run_id']}/comparison")
    assert (found["previous_run_id"], found["total"], found["previous_total"]) == (first["run_id"], 42000, 95000)
    rows = {p["provider"]: (p["amount"], p["previous_amount"], p["difference"], p["declarations"]) for p in found["providers"]}
    assert rows == {"98000001": (30000, 70000, -40000, 1), "98000003": (0, 25000, -25000, 0),
                    "98000005": (12000, 0, 12000, 1)}
    alone = await get(client, f"{RUNS}/{first['run_id']}/comparison")
    assert alone["previous_run_id"] is None and {p["previous_amount"] for p in alone["providers"]} == {None}


async def test_the_creator_is_told_four_eyes_and_who_may_approve_and_the_second_user_may(region):
    runtime, client = region
    await publish_settled(runtime, settled("98000001", "0193", [line("A1", 60000)]))
    run_id = (await create_run(client)).json()["run_id"]
    mine = await get(client, f"{RUNS}/{run_id}/steps")
    steps = {s["step"]: (s["allowed"], s["rule"]) for s in mine["steps"]}
    assert steps == {"approve": (False, "HF-FOUR-EYES"), "export": (False, "HF-RUN-STEP"),
                     "confirm": (False, "HF-RUN-STEP"), "cancel": (True, None)}
    assert mine["approvers"] == ["beheer", "financien2"]
    other = await get(client, f"{RUNS}/{run_id}/steps", SECOND_FINANCE)
    assert [s["step"] for s in other["steps"] if s["allowed"]] == ["approve", "cancel"]
    assert (await client.get(f"{RUNS}/{run_id}/steps", headers={**FINANCE})).status_code == 200
    assert (await client.get(f"{RUNS}/{run_id}/steps", headers=FINANCE_ZWOLLE)).status_code == 404


async def test_after_the_export_cancelling_is_refused_naming_the_rule_and_confirming_is_offered(region):
    runtime, client = region
    await publish_settled(runtime, settled("98000001", "0193", [line("A1", 60000)]))
    run = await exported_run(client)
    steps = {s["step"]: (s["allowed"], s["rule"]) for s in (await get(client, f"{RUNS}/{run['run_id']}/steps"))["steps"]}
    assert steps["cancel"] == (False, "HF-RUN-EXPORTED") and steps["confirm"] == (True, None)
    assert (await get(client, f"{RUNS}/{run['run_id']}/steps"))["approvers"] == []
    refused = await client.post(f"{RUNS}/{run['run_id']}/cancel", json={"reason": "toch niet"}, headers=FINANCE)
    assert refused.status_code == 409 and refused.json()["errors"][0]["rule"] == "HF-RUN-EXPORTED"


async def test_refusals_name_their_rule_in_the_problem_document(region):
    runtime, client = region
    nothing = await create_run(client)
    assert nothing.status_code == 409 and nothing.json()["errors"][0]["rule"] == "HF-NOTHING-DUE"
    await publish_settled(runtime, settled("98000001", "0193", [line("A1", 60000)]))
    run_id = (await create_run(client)).json()["run_id"]
    own = (await client.post(f"{RUNS}/{run_id}/approve", json={}, headers=FINANCE)).json()
    assert (own["status"], own["errors"][0]["rule"]) == (403, "HF-FOUR-EYES")
    await approve(client, run_id)
    past = await client.post(f"{RUNS}/{run_id}/export", json={"execution_date": "2020-01-01"}, headers=FINANCE)
    assert past.status_code == 409 and past.json()["errors"][0]["rule"] == "HF-EXECUTION-DATE"


async def test_a_returned_transfer_is_listed_until_its_items_go_to_the_bank_again(region):
    runtime, client = region
    await publish_settled(runtime, settled("98000001", "0193", [line("A1", 60000)]))
    await publish_settled(runtime, settled("98000003", "0150", [line("B1", 25000, code="41A01")]))
    run = await exported_run(client)
    file = sent((await client.get(f"{RUNS}/{run['run_id']}/file", headers=FINANCE)).content)
    await client.post("/payments/v1/statements", content=statement(file, returned={f"{run['run_id']}-98000003": "AC04"}),
                      headers={**FINANCE, **XML})
    [returned] = await get(client, "/payments/v1/returns")
    assert (returned["provider"], returned["reason"], returned["state"]) == ("98000003", "AC04", "due")
    again = (await create_run(client)).json()
    assert [(r["state"], r["again_in"]) for r in await get(client, "/payments/v1/returns")] == [("in_run", again["run_id"])]
    await approve(client, again["run_id"])
    await client.post(f"{RUNS}/{again['run_id']}/export", json={}, headers=FINANCE)
    assert [r["state"] for r in await get(client, "/payments/v1/returns")] == ["sent_again"]
    assert (await client.get("/payments/v1/returns", headers=FINANCE_ZWOLLE)).status_code == 403


async def test_an_imported_statement_shows_what_it_booked_and_returned(region):
    runtime, client = region
    await publish_settled(runtime, settled("98000001", "0193", [line("A1", 60000)]))
    await publish_settled(runtime, settled("98000003", "0150", [line("B1", 25000, code="41A01")]))
    run = await exported_run(client)
    file = sent((await client.get(f"{RUNS}/{run['run_id']}/file", headers=FINANCE)).content)
    xml = statement(file, returned={f"{run['run_id']}-98000003": "MD07"}, statement_id="STMT/2026/7")
    assert (await client.post("/payments/v1/statements", content=xml, headers={**FINANCE, **XML})).status_code == 201
    found = await get(client, "/payments/v1/statements/STMT%2F2026%2F7")
    assert [(b["provider"], b["amount"]) for b in found["booked"]] == [("98000001", 60000), ("98000003", 25000)]
    assert [(r["provider"], r["reason"]) for r in found["returned"]] == [("98000003", "MD07")]
    assert [(r["run_id"], r["status"]) for r in found["runs"]] == [(run["run_id"], "confirmed")]
    assert (found["imported_by"], found["matched"]) == ("financien", 3)
    assert (await client.get("/payments/v1/statements/STMT-NONE", headers=FINANCE)).status_code == 404


async def test_a_statement_larger_than_a_json_body_is_read_up_to_its_own_limit(region):
    _, client = region
    big = b"<Document>" + b" " * (2 * 1024 * 1024) + b"</Document>"
    answer = await client.post("/payments/v1/statements", content=big, headers={**FINANCE, **XML})
    assert answer.status_code == 422 and answer.json()["errors"][0]["rule"] == "HF-STATEMENT-FORMAT"


async def test_advances_are_listed_by_kind(region):
    runtime, client = region
    await publish_settled(runtime, settled("98000001", "0193", [line("A1", 60000)]))
    await client.post("/payments/v1/advances/schedule", json={"up_to": "2026-02-01"}, headers=FINANCE)
    advances = await get(client, "/payments/v1/items?kind=advance")
    assert advances and {a["kind"] for a in advances} == {"advance"}
    assert {a["provider"] for a in advances} == {"98000002", "98000004"}


async def test_a_run_is_read_without_its_items_for_a_view_of_its_transfers(region):
    runtime, client = region
    await publish_settled(runtime, settled("98000001", "0193", [line("A1", 60000), line("A2", 10000)]))
    run_id = (await create_run(client)).json()["run_id"]
    whole, light = await get(client, f"{RUNS}/{run_id}"), await get(client, f"{RUNS}/{run_id}?items=false")
    assert len(whole["items"]) == 2 and light["items"] == []
    assert {k: v for k, v in light.items() if k != "items"} == {k: v for k, v in whole.items() if k != "items"}
