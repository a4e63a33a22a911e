"""The region's ledger on a generated month (issue 17): after the lump sums are paid and settled
and the PGB transfers to the SVB are booked, every municipality's ledger closes —
contributions − spending − equalisation settlement (verevening + afrekening) = 0 — the spending
of all municipalities is every payable item the book holds for the year, and no line declared
under the lump sum is paid on top of it."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from services.payments.domain.lump_sums import REGION as LUMP_ITEMS_OF_THE_REGION
from tests.e2e.test_generated_month import (  # noqa: F401 (fixtures)
    FINANCE, REGION, SECOND_FINANCE, YEAR, finance, month, past_the_deadline, scenario, sepa_transfers,
)

CONTROLLER = {"Authorization": "Bearer demo-staff-controller"}
[LUMP] = REGION.lump_sums
SPENT = {"line", "credit", "lumpsum", "lumpsettle", "pgb"}


async def pay_the_year(client: Any) -> dict[str, int]:
    assert (await finance(client, "/payments/v1/lump-sums/schedule", {"up_to": f"{YEAR}-12-31"}))["scheduled"] == 12
    for c in REGION.ledger.contributions:
        await finance(client, "/payments/v1/ledger/pgb-transfers", {
            "municipality": c.municipality, "month": f"{YEAR}-03-01", "amount": c.per_month // 20,
            "reference": f"SVB-{c.municipality}", "due_on": f"{YEAR}-03-20"})
    run = await finance(client, "/payments/v1/runs", {"due_up_to": f"{YEAR + 1}-12-31"})
    await finance(client, f"/payments/v1/runs/{run['run_id']}/approve", {}, SECOND_FINANCE)
    for step in ("export", "confirm"):
        await finance(client, f"/payments/v1/runs/{run['run_id']}/{step}", {})
    return {t["provider"]: t["amount"] for t in run["transfers"]}


async def test_every_municipalitys_ledger_closes_after_the_equalisation(month):
    runtime, client = month
    await past_the_deadline(runtime)
    paid = await pay_the_year(client)
    assert paid[LUMP.contract] == 12 * LUMP.amount  # its declared lines are information: nothing on top
    assert paid["SVB"] == sum(c.per_month // 20 for c in REGION.ledger.contributions)
    await finance(client, f"/payments/v1/lump-sums/{LUMP.id}/settle", {"year": YEAR, "due_on": f"{YEAR}-12-31"})

    items = (await client.get("/payments/v1/items", headers=FINANCE)).json()
    assert any(i["status"] == "info" for i in items) or LUMP.contract not in {i["provider"] for i in items}
    own: dict[str, int] = defaultdict(int)  # care and PGB, per municipality, straight from the book's items
    for i in items:
        if i["kind"] in SPENT and i["status"] != "info" and i["period_start"].startswith(str(YEAR)):
            own[i["municipality"]] += i["amount"]
    lump_sums = own.pop(LUMP_ITEMS_OF_THE_REGION)

    ledger = (await client.get("/payments/v1/ledger", params={"year": YEAR}, headers=CONTROLLER)).json()["rows"]
    spending: dict[str, int] = defaultdict(int)
    for row in ledger:
        spending[row["municipality"]] += row["spending"]
        own[row["municipality"]] += row["lump sums"]
    assert sum(row["lump sums"] for row in ledger) == lump_sums
    assert dict(spending) == {m: own[m] for m in spending}

    statements = (await client.get("/payments/v1/ledger/equalisation", params={"year": YEAR},
                                   headers=CONTROLLER)).json()["rows"]
    today = runtime.container("payments").clock.today()
    months = 12 if today.year > YEAR else today.month if today.year == YEAR else 0  # months begun by today
    contributions = {c.municipality: c.per_month * months for c in REGION.ledger.contributions if c.year == YEAR}
    assert {s["municipality"] for s in statements} == set(contributions)
    assert sum(s["equalisation"] for s in statements) == 0
    for s in statements:
        m = s["municipality"]
        assert (s["contributions"], s["spending"]) == (contributions[m], spending[m])
        assert contributions[m] - spending[m] - (s["equalisation"] + s["settlement"]) == 0, m
