"""Auditor-ready finance end to end, over HTTP as the people would work: a generated month runs; a
held line is approved by override by two finance users; a payment run is created by one and
approved by the other, exported; the bank's camt.053, built from the run's own pain.001 with one
transfer returned, is imported: the returned items are due again, the rest paid, and a second run
pays exactly what came back — nothing is paid twice. The lawfulness evidence of every municipality
totals exactly what was paid for it, shows the override under "conditions" with both approvers, and
the audit log holds every step in a chain that verifies."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import httpx

from services.demo.options import GeneratorOptions
from services.gateway.region.loader import load_region
from services.gateway.region.model import read_region
from services.invoicing.handlers.deadline import reject_overdue
from tests.support.camt053 import sent, statement
from tests.support.embedded import settle
from tests.support.regions import month_app

REGION_FILE = Path(__file__).resolve().parents[2] / "examples" / "regions" / "ijsselland.toml"
REGION = read_region(REGION_FILE)
FIRST = {"Authorization": "Bearer demo-staff-financien"}
SECOND = {"Authorization": "Bearer demo-staff-financien2"}
AUDITOR = {"Authorization": "Bearer demo-staff-accountant"}
RUNS = "/payments/v1/runs"


async def ok(call: Any, status: int = 200) -> Any:
    response = await call
    assert response.status_code == status, response.text
    return response.json() if response.content else None


async def override_by_two(runtime: Any, client: httpx.AsyncClient) -> dict[str, Any]:
    """The largest held debit paid per line, with the region's four-eyes threshold at its amount:
    approved by the first user (it waits), refused to the same user again, completed by the second.
    Not a line of a contract paid otherwise — by a lump sum (the line is information) or by advances
    (it is offset against them) — as neither is ever in a run."""
    otherwise = {s.contract for s in REGION.lump_sums} | {c["provider"] for c in REGION.contracts
                                                          if c.get("advance_per_month")}
    held = [h for h in await ok(client.get("/invoicing/v1/queue", headers=FIRST))
            if h["amount"] > 0 and h["provider"] not in otherwise]  # the demo names contracts by provider
    line = max(held, key=lambda h: h["amount"])
    policy = REGION.policy.model_copy(update={"four_eyes_from": line["amount"]})
    await load_region(runtime.container("gateway").context, REGION.model_copy(update={"policy": policy}))
    await settle(runtime)
    approve = f"/invoicing/v1/queue/{line['declaration_id']}/{line['reference']}/approve"
    await ok(client.post(approve, json={"reason": "toewijzing telefonisch bevestigd"}, headers=FIRST), 202)
    refused = await client.post(approve, json={"reason": "nogmaals"}, headers=FIRST)
    assert refused.status_code == 403 and "HF-FOUR-EYES" in refused.text
    await ok(client.post(approve, json={"reason": "gecontroleerd"}, headers=SECOND), 204)
    return line


async def paid_run(client: httpx.AsyncClient) -> tuple[dict[str, Any], dict[str, int]]:
    """A run created by the first user, approved by the second, exported; its file's transfers."""
    run = await ok(client.post(RUNS, json={"due_up_to": "2027-12-31"}, headers=FIRST), 201)
    assert (await client.post(f"{RUNS}/{run['run_id']}/approve", json={}, headers=FIRST)).status_code == 403
    await ok(client.post(f"{RUNS}/{run['run_id']}/approve", json={}, headers=SECOND))
    run = await ok(client.post(f"{RUNS}/{run['run_id']}/export", json={}, headers=FIRST))
    return run, sent((await client.get(f"{RUNS}/{run['run_id']}/file", headers=FIRST)).content)


async def items(client: httpx.AsyncClient) -> dict[str, dict[str, Any]]:
    return {i["item_id"]: i for i in await ok(client.get("/payments/v1/items", headers=FIRST))}


async def test_a_month_overridden_by_two_paid_by_two_and_reconciled_from_the_bank_statement(tmp_path):
    # the generated month's e2e tests' month: fed once per run, copied for each
    async with month_app(tmp_path, REGION_FILE, GeneratorOptions(municipalities=3, clients=12, seed=7)) as (
            runtime, client):
        line = await override_by_two(runtime, client)
        inv = runtime.container("invoicing").context
        await reject_overdue(inv, inv.clock.today().replace(year=inv.clock.today().year + 1))  # the rest decided
        await settle(runtime)
        overridden = f"{line['provider']}:{line['reference']}"
        assert (await items(client))[overridden]["amount"] == line["amount"]

        run, file = await paid_run(client)
        assert len(file) >= 2 and overridden in [i["item_id"] for i in run["items"]]
        back = next(e2e for e2e in sorted(file) if not e2e.endswith(line["provider"]))
        imported = await ok(client.post("/payments/v1/statements", content=statement(file, returned={back: "AC04"}),
                                        headers={**FIRST, "Content-Type": "application/xml"}), 201)
        assert imported["confirmed"] == [run["run_id"]] and [r["reason"] for r in imported["returned"]] == ["AC04"]
        returned_provider = imported["returned"][0]["provider"]
        after = await items(client)
        assert after[overridden]["status"] == "paid"
        never_in_a_run = ("offset", "info")  # offset against advances; information under a lump sum
        assert {i["status"] for i in after.values() if i["run_id"] is None and i["status"] not in never_in_a_run} <= {
            "due"}
        assert all(i["status"] == "due" for i in after.values() if i["provider"] == returned_provider
                   and i["item_id"] in {x["item_id"] for x in run["items"]})

        again, second_file = await paid_run(client)
        assert {t["provider"]: t["amount"] for t in again["transfers"]} == {returned_provider: file[back]}
        await ok(client.post("/payments/v1/statements", content=statement(second_file, statement_id="STMT-2"),
                             headers={**FIRST, "Content-Type": "application/xml"}), 201)
        paid = Counter()
        for i in (await items(client)).values():
            if i["status"] == "paid":
                paid[i["provider"]] += i["amount"]
        booked = Counter()
        for e2e, cents in [*file.items(), *second_file.items()]:
            if e2e != back:
                booked[e2e.rsplit("-", 1)[1]] += cents
        assert paid == booked  # each item paid once: what the bank booked, net of the return
        await lawfulness_equals_payments(client, await items(client), line)
        await audit_log_holds_the_steps(runtime, client)


async def lawfulness_equals_payments(client: httpx.AsyncClient, book: dict[str, dict[str, Any]],
                                     line: dict[str, Any]) -> None:
    """Per municipality and year of care: the report's total is what was paid, and the override is
    listed under conditions with its reason and both approvers, traced to its payment."""
    paid: Counter[tuple[str, int]] = Counter()
    for i in book.values():
        if i["status"] == "paid":
            paid[(i["municipality"], int(i["period_start"][:4]))] += i["amount"]
    reports = {key: await ok(client.get("/payments/v1/reports/lawfulness", headers=AUDITOR,
                                        params={"municipality": key[0], "year": key[1]})) for key in paid}
    assert {key: r["paid"] for key, r in reports.items()} == dict(paid)
    for r in reports.values():
        assert all(c["lawful"] + c["uncertain"] + c["unlawful"] == r["paid"] for c in r["criteria"])
    report = reports[(line["municipality"], int(line["line"]["begin"][:4]))]
    [override] = [o for o in report["overrides"] if o["item_id"] == f"{line['provider']}:{line['reference']}"]
    assert override["evidence"]["override"] == {"by": "financien2", "reason": "gecontroleerd",
                                                "first_by": "financien", "first_reason": "toewijzing telefonisch bevestigd"}
    assert override["payment"]["statement_id"] and override["verdicts"]["conditions"]["status"] == "lawful"
    conditions = next(c for c in report["criteria"] if c["criterion"] == "conditions")
    assert conditions["by_reason"]["override"] >= line["amount"]


async def audit_log_holds_the_steps(runtime: Any, client: httpx.AsyncClient) -> None:
    await settle(runtime)
    actions = {(e["service"], e["action"], e["user"]) for e in (await ok(client.get(
        "/gateway/v1/audit", params={"limit": 500}, headers=AUDITOR)))["items"]}
    assert {("invoicing", "queue.first_approved", "financien"), ("invoicing", "queue.approved", "financien2"),
            ("payments", "payments.run.create", "financien"), ("payments", "payments.run.approve", "financien2"),
            ("payments", "payments.statement.import", "financien")} <= actions
    assert (await ok(client.get("/gateway/v1/audit/verification", headers=AUDITOR)))["valid"]
