"""What the access team looks up: clients by BSN, surname or birth date (each client shown is
audited), the products contracted for a provider, one request, and an allocation's history naming
who changed what."""

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
    post_message,
)
from tests.integration.allocation.test_routed_messages import request_message
from tests.support.audit import audit_entries, pseudonym

CLIENTS, CONTRACTED = "/allocation/v1/clients", "/allocation/v1/contracted-products"


async def audit_rows(runtime) -> list[tuple[str, str, str | None]]:  # type: ignore[no-untyped-def]
    return [(r.username, r.action, r.client) for r in await audit_entries(runtime, service="allocation")]


async def test_a_client_is_found_by_the_start_of_the_surname_and_the_birth_date(demo):
    runtime, client = demo
    await issue(runtime, client)
    found = (await client.get(CLIENTS, params={"surname": "JAN", "birth_date": "2014-03-12"}, headers=STAFF)).json()
    assert [(c["client_bsn"], c["surname"], c["prefix"], c["allocations"]) for c in found] == [
        (CLIENT, "Jansen", "de", 1)]
    assert (await client.get(CLIENTS, params={"surname": "Jans%"}, headers=STAFF)).json() == []
    assert (await client.get(CLIENTS, params={"birth_date": "2014-03-13"}, headers=STAFF)).json() == []


async def test_every_client_shown_and_every_bsn_looked_for_is_audited(demo):
    runtime, client = demo
    await issue(runtime, client)
    await client.get(CLIENTS, params={"surname": "Jansen"}, headers=STAFF)
    await client.get(CLIENTS, params={"bsn": "999900018"}, headers=STAFF)
    searches = [row for row in await audit_rows(runtime) if row[1] == "client.search"]
    assert searches == [("toegang.zwolle", "client.search", pseudonym(runtime, CLIENT)),
                        ("toegang.zwolle", "client.search", pseudonym(runtime, "999900018"))]


async def test_a_client_search_needs_a_criterion_and_stays_in_the_callers_municipalities(demo):
    runtime, client = demo
    await issue(runtime, client)
    bare = await client.get(CLIENTS, headers=STAFF)
    assert bare.status_code == 422 and bare.json()["errors"][0]["field"] == "query.bsn"
    assert (await client.get(CLIENTS, params={"bsn": CLIENT}, headers=OTHER_STAFF)).json() == []
    assert (await client.get(CLIENTS, params={"bsn": CLIENT, "municipality": "0150"}, headers=STAFF)).json() == []


async def test_the_contracted_products_of_a_provider_name_their_unit_and_the_frequencies_it_allows(demo):
    _, client = demo
    offered = (await client.get(CONTRACTED, params={"provider_agb": "98000004"}, headers=STAFF)).json()
    assert [(p["code"], p["name"], p["unit"], p["frequencies"]) for p in offered] == [
        ("43A01", "Verblijf gezinshuis", "14", ["2", "4", "6"]), ("44A02", "Pleegzorg", "14", ["2", "4", "6"])]
    every = (await client.get(CONTRACTED, headers=STAFF)).json()
    assert {p["provider_agb"] for p in every} == {f"9800000{n}" for n in range(1, 7)}


async def test_one_request_is_shown_to_its_municipality_only(demo):
    runtime, client = demo
    await post_message(runtime, client, request_message("VOT-9"))
    one = await client.get(f"/allocation/v1/requests/{PROVIDER}/VOT-9", headers=STAFF)
    assert one.status_code == 200 and one.json()["requested"]["product"]["code"] == "45A01"
    assert (await client.get(f"/allocation/v1/requests/{PROVIDER}/VOT-9", headers=OTHER_STAFF)).status_code == 404
    assert ("toegang.zwolle", "request.read", pseudonym(runtime, CLIENT)) in await audit_rows(runtime)


async def test_the_history_names_who_made_each_change_and_what_it_changed(demo):
    runtime, client = demo
    number = (await issue(runtime, client))["allocation_number"]
    await client.post(f"{ALLOCATIONS}/{ZWOLLE}/{number}/extend", json={"end": str(days(60))}, headers=STAFF)
    history = (await client.get(f"{ALLOCATIONS}/{ZWOLLE}/{number}", headers=STAFF)).json()["history"]
    assert [(e["event"], e["recorded_by"], e["changed"]) for e in history] == [
        ("allocation.AllocationIssued", "toegang.zwolle", []),
        ("allocation.AllocationExtended", "toegang.zwolle", ["end", "change_reason"])]


async def test_an_honoured_request_records_who_honoured_it_in_the_allocations_history(demo):
    runtime, client = demo
    await post_message(runtime, client, request_message("VOT-8"))
    honoured = (await client.post(f"/allocation/v1/requests/{PROVIDER}/VOT-8/honour", json={}, headers=STAFF)).json()
    [number] = honoured["answer"]["allocation_numbers"]
    [issued] = (await client.get(f"{ALLOCATIONS}/{ZWOLLE}/{number}", headers=STAFF)).json()["history"]
    assert (issued["recorded_by"], issued["payload"]["provider_reference"]) == ("toegang.zwolle", "VOT-8")
