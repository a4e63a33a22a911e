"""The lawfulness evidence through the HTTP API, one rule per test: every euro paid is judged per
criterion (budget, conditions, misuse), as of a date, against the reporting threshold, with a
drill-down to its lines and an XLSX with a sheet per criterion; scoped like every report."""

from __future__ import annotations

import io
from datetime import timedelta
from typing import Any

import sqlalchemy as sa
from openpyxl import load_workbook

from services.gateway.region.loader import load_region
from services.gateway.region.model import read_region
from shared.persistence.rows import utc
from tests.integration.payments.conftest import (
    ACCESS_ZWOLLE, CONTROLLER, CONTROLLER_ZWOLLE, FINANCE, ROOT, TODAY, create_run, line, pay, publish_settled, settled,
)
from tests.support.embedded import settle

REPORT = "/payments/v1/reports/lawfulness"
AUDITOR = {"Authorization": "Bearer demo-staff-accountant"}
REGION = read_region(ROOT / "examples/regions/ijsselland.toml")
MATCHED = {"approval": "matched", "allocation": {"number": 300201, "decided_on": "2026-01-02", "decided_at": "10:00:00",
                                                 "referrer_type": "02"},
           "tariff": {"code": "45A01", "unit": "04", "cents": 7850, "valid_from": "2026-01-01"},
           "ceiling": None, "findings": [], "tolerances": [], "override": None}
OVERRIDE = {**MATCHED, "approval": "override", "findings": ["9321"], "override": {
    "by": "financien2", "reason": "gecontroleerd", "first_by": "financien", "first_reason": "toewijzing bevestigd"}}


def evidenced(reference: str, amount: int, evidence: dict[str, Any] | None = MATCHED, **more: Any) -> dict[str, Any]:
    return {**line(reference, amount, **more), **({"evidence": evidence} if evidence else {})}


async def paid(runtime, client, *lines: dict[str, Any], rejected: list | None = None) -> None:  # type: ignore[no-untyped-def]
    payload = settled("98000001", "0193", list(lines))
    await publish_settled(runtime, {**payload, "answer_id": "jw325-1", "rejected": rejected or [],
                                    "checks": {"debit": [{"code": "9321", "rule": "TR321"}], "credit": []}})
    run = (await create_run(client)).json()
    await pay(client, run["run_id"])


async def report(client, **params: Any) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    answer = await client.get(REPORT, params={"municipality": "0193", "year": 2026, **params}, headers=CONTROLLER)
    assert answer.status_code == 200, answer.text
    return answer.json()


def criterion(found: dict[str, Any], name: str) -> dict[str, Any]:
    return next(c for c in found["criteria"] if c["criterion"] == name)


async def with_budget(runtime, cents: int) -> None:  # type: ignore[no-untyped-def]
    zwolle = next(m for m in REGION.municipalities if m.code == "0193")
    changed = zwolle.model_copy(update={"budgets": {"2026": {**zwolle.budgets["2026"], "jeugd-opvoedhulp": cents}}})
    municipalities = [changed if m.code == "0193" else m for m in REGION.municipalities]
    await load_region(runtime.container("gateway").context, REGION.model_copy(update={"municipalities": municipalities}))
    await settle(runtime)


async def test_what_is_paid_within_the_budget_line_is_lawful_and_what_goes_beyond_unlawful(region):
    runtime, client = region
    await with_budget(runtime, 100000)
    await paid(runtime, client, evidenced("B1", 62800), evidenced("B2", 62800))
    budget = criterion(await report(client), "budget")
    assert (budget["lawful"], budget["unlawful"], budget["by_reason"]["beyond_budget"]) == (100000, 25600, 62800)


async def test_a_product_without_a_budget_line_of_the_year_is_uncertain(region):
    runtime, client = region
    await paid(runtime, client, evidenced("N1", 62800, begin=TODAY.replace(year=2026, month=3, day=1), code="99Z99"))
    assert criterion(await report(client), "budget")["uncertain"] == 62800


async def test_a_line_on_a_valid_allocation_and_tariff_meets_the_conditions(region):
    runtime, client = region
    await paid(runtime, client, evidenced("C1", 62800))
    found = await report(client)
    assert criterion(found, "conditions")["by_reason"] == {"allocation_and_tariff": 62800}
    assert (found["paid"], found["unlawful"], found["uncertain"]) == (62800, 0, 0)


async def test_an_override_is_lawful_and_listed_with_its_reason_and_both_approvers(region):
    runtime, client = region
    await paid(runtime, client, evidenced("O1", 62800, OVERRIDE), evidenced("O2", 31400))
    found = await report(client)
    assert [o["item_id"] for o in found["overrides"]] == ["98000001:O1"]
    assert found["overrides"][0]["evidence"]["override"]["first_by"] == "financien"
    assert criterion(found, "conditions")["by_reason"]["override"] == 62800 and found["uncertain"] == 0


async def test_a_line_paid_without_evidence_is_uncertain(region):
    runtime, client = region
    await paid(runtime, client, evidenced("E1", 62800, None))
    assert criterion(await report(client), "conditions")["by_reason"] == {"no_evidence": 62800}


async def test_a_paid_duplicate_is_unlawful_and_refused_duplicates_are_listed(region):
    runtime, client = region
    await paid(runtime, client, evidenced("D1", 62800, {**OVERRIDE, "findings": ["9389"]}),
               rejected=[{"reference": "D2", "period_begin": "2026-03-01", "codes": ["9389"], "amount": 62800}])
    found = await report(client)
    assert criterion(found, "misuse")["unlawful"] == 62800 and found["unlawful"] == 62800
    assert [(r["reference"], r["codes"]) for r in found["refused"]] == [("D2", ["9389"])]


async def test_a_credit_of_a_paid_line_is_listed_and_the_line_is_uncertain_until_it_is_recovered(region):
    runtime, client = region
    await paid(runtime, client, evidenced("K1", 62800))
    await publish_settled(runtime, settled("98000001", "0193", [evidenced("K2", -62800, previous="K1")]))
    assert criterion(await report(client), "misuse")["by_reason"]["credited_not_recovered"] == 62800
    await paid(runtime, client, evidenced("K3", 78500))
    misuse = criterion(await report(client), "misuse")
    assert misuse["by_reason"]["credit_of_paid_line"] == -62800 and "credited_not_recovered" not in misuse["by_reason"]


async def test_as_of_a_date_only_what_was_recorded_up_to_it_counts(region):
    runtime, client = region
    await paid(runtime, client, evidenced("T1", 62800))
    async with runtime.container("payments").db.engines.write.begin() as conn:  # as if recorded two days ago
        events = runtime.container("payments").db.tables.events
        for position, at in list(await conn.execute(sa.select(events.c.position, events.c.recorded_at))):
            await conn.execute(sa.update(events).where(events.c.position == position).values(
                recorded_at=utc(at) - timedelta(days=2)))
    await paid(runtime, client, evidenced("T2", 31400))
    assert (await report(client, as_of=str(TODAY - timedelta(days=1))))["paid"] == 62800
    assert (await report(client))["paid"] == 94200


async def test_errors_and_uncertainties_are_compared_with_the_municipalitys_threshold(region):
    runtime, client = region
    await paid(runtime, client, evidenced("H1", 6000, None), evidenced("H2", 994000))
    found = await report(client)  # the demo region: Zwolle's own threshold is EUR 50,000
    assert found["threshold"] == {"amount": 5000000, "percent": None, "above": False}
    policy = REGION.policy.model_copy(update={"reporting_thresholds": {}})
    await load_region(runtime.container("gateway").context, REGION.model_copy(update={"policy": policy}))
    await settle(runtime)
    assert (await report(client))["threshold"] == {"amount": 10000, "percent": "1", "above": False}
    await paid(runtime, client, evidenced("H3", 5000, None))
    assert (await report(client))["threshold"]["above"] is True  # 11,000 uncertain of 1,005,000 paid


async def test_every_total_drills_down_to_its_lines(region):
    runtime, client = region
    await paid(runtime, client, evidenced("L1", 62800, OVERRIDE), evidenced("L2", 31400), evidenced("L3", 15700))
    params = {"municipality": "0193", "year": 2026, "criterion": "conditions"}
    lines = (await client.get(f"{REPORT}/lines", params={**params, "reason": "override"}, headers=AUDITOR)).json()
    assert [i["item_id"] for i in lines["items"]] == ["98000001:L1"] and lines["total"] == 1
    first = (await client.get(f"{REPORT}/lines", params={**params, "limit": 2}, headers=AUDITOR)).json()
    rest = (await client.get(f"{REPORT}/lines", params={**params, "limit": 2, "offset": first["next_offset"]},
                             headers=AUDITOR)).json()
    assert first["total"] == 3 and sum(i["amount"] for i in first["items"] + rest["items"]) == 109900
    traced = lines["items"][0]
    assert traced["payment"]["end_to_end_id"].endswith("-98000001") and traced["declaration"]["answer_id"] == "jw325-1"
    assert {"code": "9321", "rule": "TR321", "verdict": "found"} in traced["rules"]


async def test_the_workbook_has_a_summary_and_a_sheet_per_criterion(region):
    runtime, client = region
    await paid(runtime, client, evidenced("X1", 62800, OVERRIDE), evidenced("X2", 31400))
    answer = await client.get(REPORT, params={"municipality": "0193", "year": 2026, "format": "xlsx"}, headers=AUDITOR)
    book = load_workbook(io.BytesIO(answer.content))
    assert book.sheetnames[1:] == ["Begroting", "Voorwaarden", "Misbruik en oneigenlijk gebruik"]
    conditions = list(book["Voorwaarden"].iter_rows(values_only=True))
    assert len(conditions) == 3 and {r[23] for r in conditions[1:]} == {"override", "allocation_and_tariff"}


async def test_it_is_scoped_like_every_report(region):
    _, client = region
    params = {"municipality": "0150", "year": 2026}
    assert (await client.get(REPORT, params=params, headers=CONTROLLER_ZWOLLE)).status_code == 404
    assert (await client.get(REPORT, params=params, headers=AUDITOR)).status_code == 200
    assert (await client.get(REPORT, params=params, headers=ACCESS_ZWOLLE)).status_code == 403
    assert (await client.get(REPORT, params={**params, "year": 1999}, headers=FINANCE)).status_code == 422


async def test_region_wide_advances_count_against_the_pooled_budgets_and_are_uncertain_until_settled(region):
    runtime, client = region
    scheduled = await client.post("/payments/v1/advances/schedule", json={"up_to": "2026-03-31"}, headers=FINANCE)
    assert scheduled.status_code == 200, scheduled.text
    await pay(client, (await create_run(client)).json()["run_id"])
    found = await report(client, municipality="regio")
    assert found["paid"] > 0 and criterion(found, "budget")["by_reason"] == {"within_budget": found["paid"]}
    assert criterion(found, "conditions")["by_reason"] == {"advance_unsettled": found["paid"]}
