"""The region's year on a generated month (issue 17), as finance and the controllers see it through
the payments API: the steps that close the year and what must hold afterwards. Shared by the
embedded end-to-end tests and the distributed one (tests/e2e/test_distributed_region.py), which
reach the payments service through `client` (the embedded app, or the payments process)."""

from __future__ import annotations

import json
from collections import defaultdict
from datetime import date
from fractions import Fraction
from typing import Any

from services.gateway.region.loader import canonical, sections_of
from services.payments.adapters.financing_terms import equalisation_key
from services.payments.domain.lump_sums import REGION as LUMP_ITEMS_OF_THE_REGION
from services.payments.domain.shares import normalised, split
from services.demo.scenario import Scenario
from tests.e2e.test_generated_month import FINANCE, REGION, SECOND_FINANCE, YEAR, finance

CONTROLLER = {"Authorization": "Bearer demo-staff-controller"}
[LUMP] = REGION.lump_sums
SPENT = {"line", "credit", "lumpsum", "lumpsettle", "pgb", "bonus", "malus"}
OUTCOME_ITEMS = {"bonus", "malus"}


async def pay_the_year(client: Any) -> dict[str, int]:
    """Book the year's lump sums and a PGB transfer to the SVB per municipality, then pay all that
    is due in one run (approved by a second finance user, exported, confirmed); provider → paid."""
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


def assert_the_lump_sum_and_the_svb_were_paid(paid: dict[str, int]) -> None:
    assert paid[LUMP.contract] == 12 * LUMP.amount  # its declared lines are information: nothing on top
    assert paid["SVB"] == sum(c.per_month // 20 for c in REGION.ledger.contributions)


async def settle_the_lump_sum(client: Any) -> int:
    """The year-end settlement of the lump sum against its production; the balance it booked."""
    settled = await finance(client, f"/payments/v1/lump-sums/{LUMP.id}/settle", {"year": YEAR, "due_on": f"{YEAR}-12-31"})
    assert settled["settled"] is True
    return settled["balance"]


async def assert_the_lump_sums_are_shared_by_the_schedules_shares(client: Any, balance: int) -> None:
    """Each municipality's ledger carries its share of the twelve periods and of the settlement."""
    ledger = (await client.get("/payments/v1/ledger", params={"year": YEAR}, headers=CONTROLLER)).json()["rows"]
    found: dict[str, int] = defaultdict(int)
    for row in ledger:
        found[row["municipality"]] += row["lump sums"]
    shares = normalised({m: Fraction(p) for m, p in LUMP.shares.items()})  # the region file gives percentages
    period, settlement = split(LUMP.amount, shares), split(balance, shares)
    assert dict(found) == {m: 12 * period[m] + settlement[m] for m in found}
    assert set(found) == set(LUMP.shares)


async def assert_every_ledger_closes(client: Any, today: date) -> None:
    """contributions − spending − equalisation settlement (verevening + afrekening) = 0 for each
    municipality, where spending is every payable item the book holds for the year (`today`: the
    payments service's, which decides the months of contributions begun)."""
    items = (await client.get("/payments/v1/items", headers=FINANCE)).json()
    assert any(i["status"] == "info" for i in items) or LUMP.contract not in {i["provider"] for i in items}
    own: dict[str, int] = defaultdict(int)  # care, PGB, bonuses and maluses, per municipality, from the book's items
    regions_outcomes = 0  # of clauses the region pays itself: shared by the equalisation key
    for i in items:
        if i["kind"] in SPENT and i["status"] != "info" and i["period_start"].startswith(str(YEAR)):
            if i["kind"] in OUTCOME_ITEMS and i["municipality"] == LUMP_ITEMS_OF_THE_REGION:
                regions_outcomes += i["amount"]
            else:
                own[i["municipality"]] += i["amount"]
    lump_sums = own.pop(LUMP_ITEMS_OF_THE_REGION)
    key = equalisation_key(json.loads(canonical(sections_of(REGION))), YEAR)
    for m, cents in (split(regions_outcomes, key) if key and regions_outcomes else {}).items():
        own[m] += cents

    ledger = (await client.get("/payments/v1/ledger", params={"year": YEAR}, headers=CONTROLLER)).json()["rows"]
    spending: dict[str, int] = defaultdict(int)
    for row in ledger:
        spending[row["municipality"]] += row["spending"]
        own[row["municipality"]] += row["lump sums"]
    assert sum(row["lump sums"] for row in ledger) == lump_sums
    assert dict(spending) == {m: own[m] for m in spending}

    statements = (await client.get("/payments/v1/ledger/equalisation", params={"year": YEAR},
                                   headers=CONTROLLER)).json()["rows"]
    months = 12 if today.year > YEAR else today.month if today.year == YEAR else 0  # months begun by today
    contributions = {c.municipality: c.per_month * months for c in REGION.ledger.contributions if c.year == YEAR}
    assert {s["municipality"] for s in statements} == set(contributions)
    assert sum(s["equalisation"] for s in statements) == 0
    for s in statements:
        m = s["municipality"]
        assert (s["contributions"], s["spending"]) == (contributions[m], spending[m])
        assert contributions[m] - spending[m] - (s["equalisation"] + s["settlement"]) == 0, m



async def assert_the_outcomes_count_the_months_stops(client: Any, scenario: Scenario) -> None:
    """Every JW307 of the month reached payments: its stops, the early ones as dropout, and the
    clients who came back as re-entries."""
    stops = [p for m in scenario.messages if m.message.code == "307" for p in m.message.client.products]
    assert scenario.returning and any(p.reason != "31" for p in stops)
    rows = (await client.get("/payments/v1/reports/outcomes", params={"period": str(YEAR), "level": "municipality"},
                             headers=CONTROLLER)).json()["rows"]
    assert sum(r["stops"] for r in rows) == len(stops)  # each JW307 accepted (a refused one is not published)
    assert sum(r["dropouts"] for r in rows) == sum(p.reason != "31" for p in stops)
    assert sum(r["re-entries"] for r in rows) >= len(scenario.returning)
