"""Staff issue and change allocations; the provider finds a JW301 holding them (OP087)."""

from __future__ import annotations

from tests.integration.allocation.conftest import (
    ALLOCATIONS,
    CLIENT,
    OTHER_STAFF,
    PROVIDER,
    STAFF,
    ZWOLLE,
    days,
    issue,
    issue_body,
    mailbox,
)
from tests.support.embedded import settle


async def test_an_issued_allocation_reaches_the_provider_as_a_jw301(demo):
    runtime, client = demo
    issued = await issue(runtime, client)
    [jw301] = await mailbox(client, "JW301")
    assert (jw301.header.sender, jw301.header.receiver, jw301.client.bsn) == (ZWOLLE, PROVIDER, CLIENT)
    [allocation] = jw301.client.allocations
    assert (allocation.number, allocation.product.code, allocation.end) == (
        issued["allocation_number"], "45A01", days(20))


async def test_an_extension_sends_a_jw301_with_every_current_allocation_of_the_client(demo):
    runtime, client = demo
    first = await issue(runtime, client)
    second = await issue(runtime, client, product={"category": "40", "code": "40A01"})
    extended = await client.post(f"{ALLOCATIONS}/{ZWOLLE}/{first['allocation_number']}/extend",
                                 json={"end": str(days(60))}, headers=STAFF)
    await settle(runtime)
    assert extended.status_code == 200 and extended.json()["change_reason"] == "04"
    latest = (await mailbox(client, "JW301"))[-1]
    assert {(a.number, a.end) for a in latest.client.allocations} == {
        (first["allocation_number"], days(60)), (second["allocation_number"], days(20))}


async def test_staff_of_another_municipality_find_nothing(demo):
    runtime, client = demo
    issued = await issue(runtime, client)
    path = f"{ALLOCATIONS}/{ZWOLLE}/{issued['allocation_number']}"
    assert (await client.get(path, headers=OTHER_STAFF)).status_code == 404
    assert (await client.post(f"{path}/extend", json={"end": str(days(60))}, headers=OTHER_STAFF)).status_code == 404
    assert (await client.get(ALLOCATIONS, params={"client_bsn": CLIENT}, headers=OTHER_STAFF)).json() == []


async def test_a_broken_rule_answers_422_naming_it(demo):
    runtime, client = demo
    await issue(runtime, client)
    stacked = await client.post(ALLOCATIONS, json=issue_body(), headers=STAFF)
    assert stacked.status_code == 422 and stacked.json()["errors"][0]["rule"] == "OP259"


async def test_a_product_the_provider_has_no_contract_for_is_refused(demo):
    _, client = demo
    refused = await client.post(ALLOCATIONS, json=issue_body(product={"category": "54", "code": "54001"}), headers=STAFF)
    assert refused.status_code == 422 and refused.json()["errors"][0]["rule"] == "HF-CONTRACT"


async def test_history_shows_every_version_and_search_finds_the_allocation(demo):
    runtime, client = demo
    issued = await issue(runtime, client)
    number = issued["allocation_number"]
    await client.post(f"{ALLOCATIONS}/{ZWOLLE}/{number}/shorten", json={"end": str(days(5)), "reason": "03"},
                      headers=STAFF)
    history = (await client.get(f"{ALLOCATIONS}/{ZWOLLE}/{number}", headers=STAFF)).json()
    assert [e["event"] for e in history["history"]] == ["allocation.AllocationIssued", "allocation.AllocationShortened"]
    found = (await client.get(ALLOCATIONS, params={"client_bsn": CLIENT, "status": "active"}, headers=STAFF)).json()
    assert [(a["allocation_number"], a["end"]) for a in found] == [(number, str(days(5)))]


async def test_a_deleted_allocation_is_announced_with_reason_13(demo):
    runtime, client = demo
    issued = await issue(runtime, client)
    deleted = await client.post(f"{ALLOCATIONS}/{ZWOLLE}/{issued['allocation_number']}/delete", json={},
                                headers=STAFF)
    await settle(runtime)
    assert deleted.json()["status"] == "deleted"
    [announced] = (await mailbox(client, "JW301"))[-1].client.allocations
    assert (announced.change_reason, announced.end) == ("13", announced.start)


async def test_a_client_without_known_particulars_cannot_get_a_jw301(demo):
    _, client = demo
    refused = await client.post(ALLOCATIONS, json=issue_body(client=None), headers=STAFF)
    assert refused.status_code == 422 and refused.json()["errors"][0]["rule"] == "HF-CLIENT"
