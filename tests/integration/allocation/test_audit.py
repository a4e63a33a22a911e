"""Every staff action and every read of client data of the allocation service is in the region's
audit log, with the client as its pseudonym."""

from __future__ import annotations

from dataclasses import astuple

from tests.integration.allocation.conftest import ALLOCATIONS, CLIENT, STAFF, ZWOLLE, issue
from tests.support.audit import audit_entries, pseudonym


async def test_issuing_and_reading_an_allocation_are_audited_with_the_client(demo):
    runtime, client = demo
    issued = await issue(runtime, client)
    await client.get(f"{ALLOCATIONS}/{ZWOLLE}/{issued['allocation_number']}", headers=STAFF)
    rows = await audit_entries(runtime, service="allocation")
    client_ref = pseudonym(runtime, CLIENT)
    assert [(r.username, r.action, r.client, r.municipality, r.outcome) for r in rows] == [
        ("toegang.zwolle", "allocation.issue", client_ref, ZWOLLE, "allowed"),
        ("toegang.zwolle", "allocation.read", client_ref, ZWOLLE, "allowed")]
    assert all(CLIENT not in str(astuple(r)) for r in rows)


async def test_a_search_logs_a_view_of_every_client_it_shows(demo):
    runtime, client = demo
    await issue(runtime, client)
    found = (await client.get(ALLOCATIONS, headers=STAFF)).json()
    shown = {pseudonym(runtime, a["client_bsn"]) for a in found}
    rows = await audit_entries(runtime, action="allocation.search")
    assert shown and {r.client for r in rows} == shown
