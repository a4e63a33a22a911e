"""Finance decides a selection of held lines in one call: every line reports its own outcome, and
what succeeded stays done when another line is refused."""

from __future__ import annotations

import asyncio
from dataclasses import replace

import httpx
import pytest

from services.runtime import create_app
from shared.ijw import decode
from tests.integration.invoicing.test_declaration_flow import (  # noqa: F401 (fixture)
    PROVIDER, post_and_settle, region,
)
from tests.integration.invoicing.test_concurrent_decisions import Rendezvous, invoicing_on_postgresql
from tests.integration.invoicing.test_rebuild import NONE_1, NONE_2, NONE_3, Line, jw323
from tests.support.embedded import settle

FINANCE = {"Authorization": "Bearer demo-staff-financien"}
COLLEAGUE = {"Authorization": "Bearer demo-staff-beheer"}  # an admin holds the finance role too
DECISIONS = "/invoicing/v1/queue/decisions"


async def three_held(runtime, client) -> list[dict]:  # type: ignore[no-untyped-def]
    lines = [Line("B1", NONE_1), Line("B2", NONE_2), Line("B3", NONE_3)]  # never allocated: held with 9338
    await post_and_settle(runtime, client, jw323("323-bulk-1", "DNBULK1", 4, lines))
    held = (await client.get("/invoicing/v1/queue", headers=FINANCE)).json()
    assert sorted((h["reference"], *h["codes"]) for h in held) == [("B1", "9338"), ("B2", "9338"), ("B3", "9338")]
    return sorted(held, key=lambda h: h["reference"])


def keys(lines: list[dict]) -> list[dict]:
    return [{"declaration_id": h["declaration_id"], "reference": h["reference"]} for h in lines]


async def test_a_bulk_rejection_decides_the_free_lines_and_reports_the_one_a_colleague_has(region):
    runtime, client = region
    held = await three_held(runtime, client)
    base = f"/invoicing/v1/queue/{held[1]['declaration_id']}/B2"
    assert (await client.post(f"{base}/claim", headers=COLLEAGUE)).status_code == 204
    answer = await client.post(DECISIONS, headers=FINANCE, json={
        "decision": "reject", "reason": "no allocation was ever issued", "codes": ["9338"], "lines": keys(held)})
    assert answer.status_code == 200, answer.text
    assert [(r["reference"], r["outcome"], r["rule"]) for r in answer.json()["lines"]] == [
        ("B1", "rejected", None), ("B2", "refused", "HF-CLAIMED"), ("B3", "rejected", None)]
    assert answer.json()["lines"][1]["claimed_by"] == "beheer"
    still = (await client.get(base, headers=FINANCE)).json()
    assert (still["status"], still["claimed_by"]) == ("held", "beheer")
    assert [(await client.get(f"/invoicing/v1/queue/{h['declaration_id']}/{h['reference']}", headers=FINANCE)
             ).json()["status"] for h in (held[0], held[2])] == ["rejected", "rejected"]


async def test_a_bulk_approval_of_every_held_line_lets_the_jw325_go_with_all_granted(region):
    runtime, client = region
    held = await three_held(runtime, client)
    answer = await client.post(DECISIONS, headers=FINANCE, json={
        "decision": "approve", "reason": "allocations confirmed by phone", "lines": keys(held)})
    assert [r["outcome"] for r in answer.json()["lines"]] == ["approved"] * 3
    await settle(runtime)
    [item] = (await client.get("/gateway/v1/mailbox", headers=PROVIDER)).json()
    jw325 = decode((await client.get(f"/gateway/v1/mailbox/{item['message_id']}", headers=PROVIDER)).content)
    assert jw325.answer.codes == ("8001",) and jw325.answer.total_granted.cents == 3 * 62800


async def test_a_line_decided_before_or_unknown_is_reported_and_the_rest_decided(region):
    runtime, client = region
    held = await three_held(runtime, client)
    first = f"/invoicing/v1/queue/{held[0]['declaration_id']}/B1/approve"
    assert (await client.post(first, json={"reason": "checked"}, headers=FINANCE)).status_code == 204
    missing = {"declaration_id": held[0]["declaration_id"], "reference": "NOPE"}
    answer = await client.post(DECISIONS, headers=FINANCE, json={
        "decision": "approve", "reason": "checked", "lines": [*keys(held[:2]), missing]})
    assert [(r["outcome"], r["rule"]) for r in answer.json()["lines"]] == [
        ("refused", "HF-NOT-HELD"), ("approved", None), ("not_found", None)]


async def test_an_unknown_code_refuses_the_whole_selection_and_changes_nothing(region):
    runtime, client = region
    held = await three_held(runtime, client)
    answer = await client.post(DECISIONS, headers=FINANCE, json={
        "decision": "reject", "reason": "wrong", "codes": ["1234"], "lines": keys(held)})
    assert answer.status_code == 422 and answer.json()["errors"][0]["rule"] == "HF-UNKNOWN-CODE"
    assert len((await client.get("/invoicing/v1/queue", headers=FINANCE)).json()) == 3


async def test_codes_are_given_only_to_reject(region):
    runtime, client = region
    held = await three_held(runtime, client)
    answer = await client.post(DECISIONS, headers=FINANCE, json={
        "decision": "approve", "reason": "checked", "codes": ["9338"], "lines": keys(held)})
    assert answer.status_code == 422 and len((await client.get("/invoicing/v1/queue", headers=FINANCE)).json()) == 3


async def test_a_line_a_colleague_has_in_hand_is_not_decided_by_someone_else_alone_either(region):
    runtime, client = region
    held = await three_held(runtime, client)
    base = f"/invoicing/v1/queue/{held[0]['declaration_id']}/B1"
    assert (await client.post(f"{base}/claim", headers=COLLEAGUE)).status_code == 204
    refused = await client.post(f"{base}/approve", json={"reason": "checked"}, headers=FINANCE)
    assert refused.status_code == 409 and refused.json()["errors"][0]["rule"] == "HF-CLAIMED"
    assert (await client.post(f"{base}/release", headers=FINANCE)).status_code == 204
    assert (await client.post(f"{base}/approve", json={"reason": "checked"}, headers=FINANCE)).status_code == 204


async def test_a_selection_of_which_no_line_is_the_callers_answers_404(region):
    _, client = region
    nobody = {"declaration_id": "00000000-0000-4000-8000-000000000000", "reference": "B1"}
    answer = await client.post(DECISIONS, headers=FINANCE, json={
        "decision": "approve", "reason": "checked", "lines": [nobody]})
    assert answer.status_code == 404


@pytest.mark.postgres
async def test_a_selection_raced_by_a_single_decision_decides_every_line_once_and_says_which(tmp_path, postgres_url):
    """On PostgreSQL, where both can read the declaration before either writes (SQLite serialises
    the two transactions whole): the selection's transaction loses to the single decision and
    its lines are tried again one at a time, or it wins and the single decision gets its 409."""
    async with invoicing_on_postgresql(tmp_path, postgres_url) as (runtime, client):
        held = await three_held(runtime, client)
        invoicing = runtime.container("invoicing")
        invoicing.context = replace(invoicing.context, store=Rendezvous(invoicing.context.store))
        app = create_app(runtime, manage_runtime=False)
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://happyflow") as racing:
            bulk, single = await asyncio.gather(
                racing.post(DECISIONS, headers=FINANCE, json={"decision": "approve", "reason": "checked",
                                                              "lines": keys(held)}),
                racing.post(f"/invoicing/v1/queue/{held[1]['declaration_id']}/B2/reject", headers=FINANCE,
                            json={"reason": "not this one"}))
        outcomes = [(r["outcome"], r["rule"]) for r in bulk.json()["lines"]]
        assert outcomes == ([("approved", None), ("refused", "HF-NOT-HELD"), ("approved", None)]
                            if single.status_code == 204 else [("approved", None)] * 3)
        events = await invoicing.context.store.read_all(limit=10_000)
        assert sum(1 for e in events if e.type in ("invoicing.HeldLineApproved", "invoicing.HeldLineRejected")) == 3
