"""The controllers' figures on a generated month, while declarations still wait for finance (as
on the demo month): budget realised is what the matcher approved, held lines are "in behandeling"
(but for the lines a lump sum pays, which no budget counts: no lump-sum period is booked here),
each ceiling counts what the matcher counts, and the referrals are the requests' referrers."""

from __future__ import annotations

from collections import Counter
from typing import Any

from tests.e2e.test_generated_month import REGION, YEAR, line_rows, month, scenario  # noqa: F401 (fixtures)

CONTROLLER = {"Authorization": "Bearer demo-staff-controller"}
REPORTS = "/payments/v1/reports"
BUDGET_LINE = {p["code"]: p["budget_line"] for p in REGION.products}


async def report(client: Any, name: str, **params: Any) -> list[dict[str, Any]]:
    found = await client.get(f"{REPORTS}/{name}", params={"year": YEAR, **params}, headers=CONTROLLER)
    assert found.status_code == 200, found.text
    return found.json()["rows"]


def under_a_lump_sum(row: Any) -> bool:
    """The lump sum pays it: the line is information and counts in no budget (its contract is
    named by its provider in the demo region, and the schedule covers whole years)."""
    return any(row.provider == s.contract and s.start.year <= row.care_year <= s.end.year for s in REGION.lump_sums)


async def test_realised_is_what_was_approved_and_held_lines_are_in_behandeling(month):
    runtime, client = month
    expected: Counter[tuple[str, str, str]] = Counter()
    rows = (await line_rows(runtime)).values()
    assert any(under_a_lump_sum(row) for row in rows)  # the month has De Linde's care, which the lump sum pays
    for row in rows:
        if row.status in ("approved", "held") and not under_a_lump_sum(row):
            expected[(row.municipality, BUDGET_LINE[row.line["code"]], row.status)] += row.signed_amount
    assert any(status == "held" for _, _, status in expected)  # some declarations wait for finance
    found: Counter[tuple[str, str, str]] = Counter()
    for r in await report(client, "budget/months"):
        assert r["realised"] >= 0, r  # a credit never takes a month below what was approved
        found[(r["municipality"], r["budget line"], "approved")] += r["realised"]
        found[(r["municipality"], r["budget line"], "held")] += r["pending"]
    assert +found == +expected


async def test_each_ceiling_counts_what_the_matcher_counts(month):
    runtime, client = month
    rows = (await line_rows(runtime)).values()
    ceilings = {c["provider"] for c in REGION.contracts if c.get("ceiling")}
    expected = {(p, s): sum(r.signed_amount for r in rows if (r.provider, r.status) == (p, s)
                            and r.care_year == YEAR and not r.ceiling_exempt)
                for p in ceilings for s in ("approved", "held")}
    found = {(r["provider"], s): r[s] for r in await report(client, "ceilings") for s in ("approved", "held")}
    assert found == expected and any(found.values())


async def test_referrals_are_the_referrers_of_the_requests_the_municipalities_honoured(month, scenario):  # noqa: F811
    _, client = month
    expected = Counter((m.receiver, product.referrer.kind) for m in scenario.messages if m.message.code == "315"
                       for product in m.message.client.products)
    found = {(r["municipality"], r["referrer type"]): r["allocations"] for r in await report(client, "referrals")}
    assert expected and found == dict(expected)
