"""The world the generated authorisation test calls into: the demo region with a generated month of
its traffic, staff for the matrix, and the real ids of objects of municipality A, harvested through
the API as a regional user and a party of A would list them.

Path parameters are filled from `Source`s, chosen by the collection the path names (the segment
before its first parameter: `/invoicing/v1/queue/{declaration_id}/{reference}` → `queue`). Each
entry gives every parameter of one object together (a held line is a declaration *and* a
reference); each operation of a collection takes the next entry, so one operation's change (an
approval, a deletion) does not take away another's object. A collection missing here fails the
test, naming what to add.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import httpx

from services.demo.feed import feed, tokens_of
from services.demo.options import ErrorRates, GeneratorOptions
from services.demo.scenario import build_scenario
from services.gateway.handlers.parties import register_staff
from services.gateway.region.model import read_region
from services.runtime import Runtime, create_app
from shared.clock import SystemClock
from shared.ijw import encode
from tests.authorisation.principals import A, PROVIDER_A, staff_specs
from tests.integration.payments.conftest import line, publish_settled, settled
from tests.support.camt053 import sent, statement
from tests.support.embedded import settle
from tests.support.regions import region_app

DEMO = Path(__file__).resolve().parents[2] / "examples" / "regions" / "ijsselland.toml"
REGIONAL = {"Authorization": "Bearer demo-staff-beheer"}
SECOND_REGIONAL = {"Authorization": "Bearer demo-staff-financien"}
"""Approves the run the regional admin creates: four eyes."""
OPTIONS = GeneratorOptions(municipalities=3, clients=12, seed=7, error_rates=ErrorRates().scaled(4))
AS_PROVIDER_A = {"Authorization": f"Bearer demo-aanbieder-{PROVIDER_A}"}
A_CONTRACT = "authz-contract-0193"
NO_ID = "00000000-0000-4000-8000-000000000000"


@dataclass(frozen=True)
class Source:
    entries: list[dict[str, Any]]
    """Objects of A (or, when not `scoped`, things every municipality shares, such as a provider)."""
    missing: dict[str, Any] | None = None
    """The same parameters naming nothing: another municipality's object must answer like this."""

    @property
    def scoped(self) -> bool:
        return self.missing is not None


@dataclass
class World:
    runtime: Runtime
    client: httpx.AsyncClient
    region: frozenset[str]
    today: date
    sources: dict[str, Source] = field(default_factory=dict)
    query: dict[str, Any] = field(default_factory=dict)
    """Query parameters by name: every required one, and the optional ones that name a scope."""
    xml: bytes = b""
    """A message provider A sent (posting it again answers its first id)."""
    run_transfers: dict[str, int] = field(default_factory=dict)
    callers: dict[str, httpx.AsyncClient] = field(default_factory=dict)
    app: Any = None

    def client_for(self, name: str, path: str = "") -> httpx.AsyncClient:
        """Each principal calls each path from an address of its own, as separate parties and staff
        do: one address presenting a token of the wrong kind to every operation of a service (the
        payments service has more than the 30 a source may fail in 5 minutes) is throttled (429)
        like a guesser."""
        if self.app is None:
            self.app = create_app(self.runtime, manage_runtime=False)
        key = f"{name} {path}"
        if key not in self.callers:
            n = len(self.callers)
            transport = httpx.ASGITransport(app=self.app, client=(f"198.{51 + n // 250}.100.{n % 250 + 1}", 5000))
            self.callers[key] = httpx.AsyncClient(transport=transport, base_url=self.client.base_url)
        return self.callers[key]


@asynccontextmanager
async def world(var: Path) -> AsyncIterator[World]:
    region = read_region(DEMO)
    async with region_app(var, DEMO) as (runtime, client):
        gateway = runtime.container("gateway").context
        for spec in staff_specs():
            await register_staff(gateway, spec)
        messages = build_scenario(region, OPTIONS).messages
        report = await feed(client, messages, tokens_of(region), lambda: settle(runtime), lambda n: None)
        assert report.refused == [], report.refused
        w = World(runtime, client, frozenset(m.code for m in region.municipalities), SystemClock().today())
        w.xml = encode(next(m.message for m in messages if m.sender == PROVIDER_A and m.message.code == "323"))
        await _objects_of_a(w)
        await _harvest(w)
        try:
            yield w
        finally:
            for caller in w.callers.values():
                await caller.aclose()


async def _objects_of_a(w: World) -> None:
    """What the month does not make: a contract for A alone, and a payment run (of the month's
    items, a line of provider A's and the advances due) sent to the bank."""
    contract = {"contract_id": A_CONTRACT, "provider_agb": PROVIDER_A, "municipalities": [A], "payment_term_days": 30}
    await _ok(w.client.post("/allocation/v1/register/contracts", json=contract, headers=REGIONAL))
    await publish_settled(w.runtime, settled(PROVIDER_A, A, [line("AUTHZ-1", 62800)], w.today))
    await _ok(w.client.post("/payments/v1/advances/schedule", json={"up_to": str(w.today)}, headers=REGIONAL))
    run = await _ok(w.client.post("/payments/v1/runs", json={"due_up_to": str(w.today + timedelta(days=90))},
                                  headers=REGIONAL))
    await _ok(w.client.post(f"/payments/v1/runs/{run['run_id']}/approve", json={}, headers=SECOND_REGIONAL))
    run = await _ok(w.client.post(f"/payments/v1/runs/{run['run_id']}/export", json={}, headers=REGIONAL))
    w.run_transfers = {t["provider"]: t["amount"] for t in run["transfers"]}
    w.sources["runs"] = Source([{"run_id": run["run_id"], "provider": t} for t in w.run_transfers],
                               {"run_id": "run-000000000000", "provider": PROVIDER_A})
    w.sources["specifications"] = Source([{"run_id": run["run_id"], "provider": PROVIDER_A}],
                                         {"run_id": "run-000000000000", "provider": PROVIDER_A})
    file = (await w.client.get(f"/payments/v1/runs/{run['run_id']}/file", headers=REGIONAL)).content
    one_booked = dict(list(sent(file).items())[:1])  # the run stays exported: its other transfers are not booked
    imported = await _ok(w.client.post("/payments/v1/statements", content=statement(one_booked, statement_id="AUTHZ-1"),
                                       headers={**REGIONAL, "Content-Type": "application/xml"}))
    w.sources["statements"] = Source([{"statement_id": imported["statement_id"]}], {"statement_id": "AUTHZ-NONE"})
    await settle(w.runtime)


async def _harvest(w: World) -> None:
    found = await _listed(w)
    w.sources |= {
        "allocations": Source([{"municipality": A, "number": a["allocation_number"]} for a in found["allocations"]],
                              {"municipality": A, "number": 99999999}),
        "requests": Source([{"agb": r["provider_agb"], "reference": r["reference"]} for r in found["requests"]],
                           {"agb": PROVIDER_A, "reference": "AUTHZ-NONE"}),
        "queue": Source([{"declaration_id": h["declaration_id"], "reference": h["reference"]} for h in found["held"]],
                        {"declaration_id": NO_ID, "reference": "AUTHZ-NONE"}),
        "declarations": Source([{"declaration_id": d["declaration_id"]} for d in found["declarations"]
                                if d["status"] != "open"], {"declaration_id": NO_ID}),
        "messages": Source([{"message_id": found["sent"]["message_id"]}], {"message_id": NO_ID}),
        "mailbox": Source([{"message_id": m["message_id"]} for m in found["mailbox"]], {"message_id": NO_ID}),
        "contracts": Source([{"contract_id": A_CONTRACT}], {"contract_id": "authz-no-such-contract"}),
        "settlements": Source([{"provider": PROVIDER_A}]),
        "providers": Source([{"provider": PROVIDER_A}]),
        "staff": Source([{"username": spec.username} for spec in staff_specs() if spec.municipalities == (A,)],
                        {"username": "authz.nobody.at.all"}),
        "lump-sums": Source([{"schedule_id": "linde-beschikbaarheid-2026"}], {"schedule_id": "authz-no-such-schedule"}),
    }
    w.query = {"year": w.today.year, "first": str(date(w.today.year, 1, 1)), "last": str(w.today + timedelta(days=90)),
               "municipality": A, "month": str(w.today), "period": str(w.today.year)}
    assert all(s.entries for s in w.sources.values()), {k: len(s.entries) for k, s in w.sources.items()}


async def _listed(w: World) -> dict[str, Any]:
    """A's objects as a regional user lists them, and provider A's messages as it sees them."""
    async def get(path: str, headers: dict[str, str] = REGIONAL) -> Any:
        return await _ok(w.client.get(path, headers=headers))

    return {
        "allocations": [a for a in await get("/allocation/v1/allocations") if a["municipality"] == A],
        "requests": [r for r in await get("/allocation/v1/requests?open_only=false") if r["municipality"] == A],
        "held": await get(f"/invoicing/v1/queue?municipality={A}"),
        "declarations": await get(f"/invoicing/v1/declarations?municipality={A}"),
        "mailbox": await get("/gateway/v1/mailbox", AS_PROVIDER_A),
        "sent": await _ok(w.client.post("/gateway/v1/messages", content=w.xml,
                                        headers={**AS_PROVIDER_A, "Content-Type": "application/xml"})),
    }


async def _ok(call: Any) -> Any:
    response = await call
    assert response.status_code < 300, response.text
    return response.json()
