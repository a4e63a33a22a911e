"""One audit log for the region: every service's actions and views of client data arrive in it,
in a hash chain that verifies, holding the client only as a pseudonym that a search by BSN finds."""

from __future__ import annotations

import sqlalchemy as sa

from services.gateway.adapters.tables import audit_trail
from tests.integration.allocation.conftest import ALLOCATIONS, CLIENT, STAFF, ZWOLLE, issue
from tests.integration.audit.conftest import ADMIN, AUDIT, AUDITOR, FINANCE
from tests.support.audit import audit_entries, pseudonym
from tests.support.staff import PASSWORDS
from tests.support.embedded import settle


async def test_every_services_entries_reach_the_one_log_and_its_chain_verifies(demo):
    runtime, client = demo
    await client.post("/auth/login", json={"username": "financien", "password": PASSWORDS["financien"]})
    client.cookies.clear()  # the rest as bearer-token callers
    issued = await issue(runtime, client)
    await client.get(f"{ALLOCATIONS}/{ZWOLLE}/{issued['allocation_number']}", headers=STAFF)
    await client.get("/invoicing/v1/queue", headers=FINANCE)
    await client.post("/payments/v1/runs", json={"due_up_to": "2026-01-01"}, headers=AUDITOR)
    await settle(runtime)
    items = (await client.get(AUDIT, headers=ADMIN)).json()["items"]
    assert {("gateway", "login"), ("allocation", "allocation.issue"), ("allocation", "allocation.read"),
            ("payments", "access")} <= {(e["service"], e["action"]) for e in items}
    refused = next(e for e in items if e["service"] == "payments")
    assert (refused["user"], refused["roles"], refused["outcome"]) == ("accountant", ["auditor"], "refused")
    verification = (await client.get(f"{AUDIT}/verification", headers=AUDITOR)).json()
    assert verification["valid"] and verification["entries"] >= len(items)


async def test_the_log_holds_no_bsn_and_a_search_by_bsn_finds_that_clients_entries(demo):
    runtime, client = demo
    issued = await issue(runtime, client)
    await issue(runtime, client, client_bsn="999900018")
    await client.get(f"{ALLOCATIONS}/{ZWOLLE}/{issued['allocation_number']}", headers=STAFF)
    await settle(runtime)
    found = (await client.get(AUDIT, params={"client_bsn": CLIENT}, headers=AUDITOR)).json()["items"]
    assert [e["action"] for e in found] == ["allocation.read", "allocation.issue"]
    assert {e["client"] for e in found} == {pseudonym(runtime, CLIENT)}
    async with runtime.container("gateway").db.engines.read.connect() as conn:
        stored = " ".join(str(tuple(row)) for row in await conn.execute(sa.select(audit_trail)))
    assert CLIENT not in stored and "999900018" not in stored


async def test_the_filters_narrow_by_user_action_municipality_and_period(demo):
    runtime, client = demo
    await issue(runtime, client)
    await client.get("/invoicing/v1/queue", headers=FINANCE)
    await settle(runtime)
    today = runtime.container("gateway").clock.today()

    async def users(**params: str) -> set[str]:
        return {e["user"] for e in (await client.get(AUDIT, params=params, headers=ADMIN)).json()["items"]}

    assert await users(user="toegang.zwolle") == {"toegang.zwolle"}
    assert await users(action="allocation.issue", municipality=ZWOLLE) == {"toegang.zwolle"}
    assert await users(municipality="0150") == set()
    assert "toegang.zwolle" in await users(since=str(today), until=str(today))
    assert await users(until="2001-01-01") == set()


async def test_reading_the_log_is_in_the_log(demo):
    runtime, client = demo
    await client.get(AUDIT, params={"client_bsn": CLIENT}, headers=AUDITOR)
    read = await audit_entries(runtime, action="audit.read")
    assert [(r.username, r.client) for r in read] == [("accountant", pseudonym(runtime, CLIENT))]
