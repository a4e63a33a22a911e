"""Payments' routes on the in-memory adapters (bootstrap.build_in_memory, where there is no
database at all): they read only through ctx.queries, scoped to the caller's municipalities, and
the view they audit goes to the region's log through the store."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable

import httpx
import pytest
from fastapi import FastAPI, HTTPException, Request

from services.payments.api.items import items_router
from services.payments.api.lawfulness import lawfulness_router
from services.payments.api.reports import reports_reader, reports_router
from services.payments.api.run_reads import run_reads_router
from services.payments.api.runs import runs_router
from services.payments.api.statements import statements_router
from services.payments.handlers.settlements import settlement_consumer
from services.payments.ports.reads import StaffMember
from shared.api.problems import install
from shared.auth.principal import Role, StaffPrincipal
from shared.events.envelope import Envelope
from shared.exchange.audit import AUDIT_TOPIC
from tests.unit.payments.in_memory import PROVIDER, consume, payments_in_memory
from tests.unit.payments.test_handlers_in_memory import line, settled

STAFF = {
    "fin-1": StaffPrincipal("fin-1", "fin-1", frozenset({Role.FINANCE}), frozenset({"0193", "0150"})),
    "fin-2": StaffPrincipal("fin-2", "fin-2", frozenset({Role.FINANCE}), frozenset({"0193", "0150"})),
    "fin-0150": StaffPrincipal("fin-0150", "fin-0150", frozenset({Role.FINANCE}), frozenset({"0150"})),
    "ctl-1": StaffPrincipal("ctl-1", "ctl-1", frozenset({Role.CONTROLLER}), frozenset({"0193"})),
}


class HeaderAuth:
    """The staff named by a header, with StaffAuth's role check: what the routes get from it."""

    def requires(self, role: Role | None = None) -> Callable[[Request], Awaitable[StaffPrincipal]]:
        async def dependency(request: Request) -> StaffPrincipal:
            principal = STAFF[request.headers["x-user"]]
            if not principal.may(role, request.method):
                raise HTTPException(403, "role")
            return principal

        return dependency


@pytest.fixture
async def http() -> AsyncIterator[tuple[httpx.AsyncClient, object]]:
    ctx, store = await payments_in_memory()
    assert ctx.db is None
    async with store.unit_of_work() as work:
        await work.ports.reference.store_section("budgets", {"0193": {"2026": {}}, "0150": {"2026": {}}})
        await work.commit()
    store.state.staff.update({u: StaffMember(u, tuple(r.value for r in p.roles), tuple(p.municipalities))
                              for u, p in STAFF.items()})
    await consume(store, settlement_consumer(ctx), settled("D-1", line("A1", 60_000), line("A2", 40_000)))
    auth = HeaderAuth()
    app = FastAPI()
    install(app)
    for router in (runs_router(ctx, auth), run_reads_router(ctx, auth), items_router(ctx, auth),  # type: ignore[arg-type]
                   reports_router(ctx, auth), statements_router(ctx, auth),  # type: ignore[arg-type]
                   lawfulness_router(ctx, reports_reader(auth))):  # type: ignore[arg-type]
        app.include_router(router)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://payments") as client:
        yield client, store


def as_(user: str) -> dict[str, str]:
    return {"x-user": user}


async def test_items_and_runs_are_read_through_the_ports_and_scoped(http):  # type: ignore[no-untyped-def]
    client, _ = http
    items = (await client.get("/payments/v1/items", headers=as_("fin-1"))).json()
    assert [(i["item_id"], i["status"], i["municipality"]) for i in items] == [
        (f"{PROVIDER}:A1", "due", "0193"), (f"{PROVIDER}:A2", "due", "0193")]
    assert (await client.get("/payments/v1/items", headers=as_("fin-0150"))).json() == []
    created = await client.post("/payments/v1/runs", json={"due_up_to": "2026-05-31"}, headers=as_("fin-1"))
    assert created.status_code == 201
    run_id = created.json()["run_id"]
    listed = (await client.get("/payments/v1/runs", headers=as_("fin-1"))).json()
    assert [(r["run_id"], r["status"], r["total"], r["created_by"]) for r in listed] == [
        (run_id, "created", 100_000, "fin-1")]
    assert (await client.get(f"/payments/v1/runs/{run_id}", headers=as_("fin-0150"))).status_code == 404
    steps = (await client.get(f"/payments/v1/runs/{run_id}/steps", headers=as_("fin-1"))).json()
    assert steps["approvers"] == ["fin-2"]
    assert {i["status"] for i in (await client.get("/payments/v1/items", headers=as_("fin-1"))).json()} == {"in_run"}


async def test_reports_read_in_memory_and_a_view_of_the_evidence_is_audited(http):  # type: ignore[no-untyped-def]
    client, store = http
    budget = await client.get("/payments/v1/reports/budget", params={"year": 2026}, headers=as_("ctl-1"))
    assert budget.status_code == 200
    assert (await client.get("/payments/v1/statements", headers=as_("fin-1"))).json() == []
    lawfulness = await client.get("/payments/v1/reports/lawfulness", params={"municipality": "0193", "year": 2026},
                                  headers=as_("ctl-1"))
    assert lawfulness.status_code == 200
    assert (await client.get("/payments/v1/reports/lawfulness", params={"municipality": "0150", "year": 2026},
                             headers=as_("ctl-1"))).status_code == 404
    audited = [Envelope.from_json(row.value).payload for row in await store.db.pending_outbox(100)
               if row.topic == AUDIT_TOPIC]
    assert [(a["user"], a["action"], a["object"]) for a in audited] == [
        ("ctl-1", "lawfulness.json", "0193 2026 as of 2026-04-01")]
