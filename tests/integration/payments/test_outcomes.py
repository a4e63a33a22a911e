"""Outcome indicators through the payments API (issue 17, item 6): dropout, duration and re-entry
from the allocation service's stops, the providers' score CSV refused whole or imported, and an
outcome clause settled once into a bonus or malus paid in the next run. Payments runs on SQLite
and on PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from shared.bus import Message
from shared.clock import FixedClock
from shared.exchange.allocation import DELIVERY_REPORTED
from tests.integration.payments.conftest import (
    CONTROLLER, CONTROLLER_ZWOLLE, FINANCE, ROOT, allocation, demo_region, envelope, publish, publish_allocation,
)
from tests.support.audit import audit_entries
from tests.support.postgres import ON_BOTH

pytestmark = pytest.mark.parametrize("database_kind", ON_BOTH)

OUTCOMES = "/payments/v1/reports/outcomes"
SCORES = "/payments/v1/outcomes/scores"
CSV = {"Content-Type": "text/csv"}
HEADER = "aanbieder;product;periode;tevredenheid;doelrealisatie;respondenten\n"


def stop(number: int, reason: str, begin: str = "2026-01-05", end: str = "2026-03-31",
         municipality: str = "0193", kind: str = "stopped") -> dict[str, Any]:
    return {"municipality": municipality, "allocation_number": number, "client_bsn": "999900006",
            "provider_agb": "98000001", "product": {"category": "45", "code": "45A01"}, "begin": begin,
            "kind": kind, "end": end, "reason": reason, "late": False}


async def publish_stop(runtime: Any, payload: dict[str, Any]) -> None:
    """As the allocation service publishes a JW307 it accepted (or one withdrawn)."""
    stream = f"allocation-{payload['municipality']}-{payload['allocation_number']}"
    made = envelope(DELIVERY_REPORTED, payload, stream)
    await publish(runtime, Message("happyflow.allocation.events", made.key, made.value))


async def stopped_clients(runtime: Any) -> None:
    """Three trajectories at 98000001 in Zwolle: one ended as planned (31), one by the client
    (32) whose client came back within 180 days (a new allocation), one by a death (02)."""
    for number in (300201, 300202, 300203):
        await publish_allocation(runtime, {**allocation(number), "client_bsn": f"99990000{number % 10}"})
    await publish_allocation(runtime, {**allocation(300204), "client_bsn": "999900002", "start": "2026-05-01"})
    await publish_stop(runtime, {**stop(300201, "31"), "client_bsn": "999900001"})
    await publish_stop(runtime, {**stop(300202, "32", end="2026-02-28"), "client_bsn": "999900002"})
    await publish_stop(runtime, {**stop(300203, "02"), "client_bsn": "999900003"})


async def test_dropout_duration_and_reentry_per_provider_and_product(region):
    runtime, client = region
    await stopped_clients(runtime)
    report = (await client.get(OUTCOMES, params={"period": "2026"}, headers=CONTROLLER)).json()
    (row,) = report["rows"]
    assert (row["provider"], row["product"], row["stops"], row["dropouts"], row["dropout %"]) == (
        "98000001", "45A01", 2, 1, 500)
    # the planned stop's 180 days have passed without a new allocation: known, no re-entry
    assert (row["re-entries"], row["re-entry known"]) == (1, 2)
    assert row["mean days"] == 71  # 5 January to 31 March is 86 days, to 28 February 55: 70,5 half-up


async def test_the_population_level_is_per_municipality_and_scoped(region):
    runtime, client = region
    await stopped_clients(runtime)
    await publish_allocation(runtime, allocation(400101, municipality="0150"))
    await publish_stop(runtime, stop(400101, "33", municipality="0150"))
    report = (await client.get(OUTCOMES, params={"period": "2026", "level": "municipality"},
                               headers=CONTROLLER)).json()
    assert {r["municipality"]: r["dropouts"] for r in report["rows"]} == {"0150": 1, "0193": 1}
    zwolle = (await client.get(OUTCOMES, params={"period": "2026", "level": "municipality"},
                               headers=CONTROLLER_ZWOLLE)).json()
    assert [r["municipality"] for r in zwolle["rows"]] == ["0193"]


async def test_cases_name_the_allocation_and_a_pseudonym_never_the_bsn(region):
    runtime, client = region
    await stopped_clients(runtime)
    found = await client.get(f"{OUTCOMES}/cases", params={"period": "2026", "provider": "98000001", "format": "csv"},
                             headers=CONTROLLER)
    text = found.content.decode("utf-8-sig")
    assert "300202" in text and "99990000" not in text
    report = (await client.get(f"{OUTCOMES}/cases", params={"period": "2026"}, headers=CONTROLLER)).json()
    assert {r["client"][:1] for r in report["rows"]} == {"P"} and len({r["client"] for r in report["rows"]}) == 2
    read = await audit_entries(runtime, action="payments.outcomes.cases")
    assert [(e.username, e.object, e.service) for e in read] == [("controller", "2026 98000001", "payments"),
                                                                 ("controller", "2026", "payments")]


async def test_a_withdrawn_stop_no_longer_counts(region):
    runtime, client = region
    await stopped_clients(runtime)
    await publish_stop(runtime, {**stop(300201, "31", kind="stop_withdrawn", end=None), "client_bsn": "999900001"})
    report = (await client.get(OUTCOMES, params={"period": "2026"}, headers=CONTROLLER)).json()
    assert report["rows"][0]["stops"] == 1


async def test_a_bad_score_file_is_refused_whole_naming_every_problem(region):
    runtime, client = region
    bad = HEADER + "98000099;;2026;7,8;80;10\n98000001;45A01;2026-K5;11;80;10\n98000001;;2026;7;;3\n98000001;;2026;8;;3\n"
    refused = await client.post(SCORES, content=bad.encode(), headers={**CONTROLLER, **CSV})
    assert refused.status_code == 422
    problems = {(e["line"], e["rule"]) for e in refused.json()["errors"]}
    assert problems == {(2, "HF-OUTCOME-PROVIDER"), (3, "HF-OUTCOME-PERIOD"), (3, "HF-OUTCOME-RANGE"),
                        (5, "HF-OUTCOME-DUPLICATE")}
    unknown = next(e for e in refused.json()["errors"] if e["rule"] == "HF-OUTCOME-PROVIDER")
    assert (unknown["field"], unknown["value"]) == ("aanbieder", "98000099")  # what the sender must correct
    scores = (await client.get(SCORES, params={"period": "2026"}, headers=CONTROLLER)).json()
    assert scores["rows"] == []


async def test_scores_are_imported_and_a_later_file_corrects_them(region):
    runtime, client = region
    first = await client.post(SCORES, content=(HEADER + "98000001;;2026;7,2;80;40\n").encode(),
                              headers={**CONTROLLER, **CSV})
    assert first.status_code == 201 and first.json() == {"imported": 1, "periods": ["2026"]}
    await client.post(SCORES, content=(HEADER + "98000001;;2026;7,8;;40\n").encode(), headers={**CONTROLLER, **CSV})
    rows = (await client.get(SCORES, params={"period": "2026"}, headers=CONTROLLER)).json()["rows"]
    assert [(r["provider"], r["satisfaction"], r["goal attainment"]) for r in rows] == [("98000001", 78, None)]
    assert len(await audit_entries(runtime, action="payments.outcomes.import", outcome="allowed")) == 2


async def test_importing_scores_needs_staff_bound_to_the_whole_region(region):
    runtime, client = region
    refused = await client.post(SCORES, content=(HEADER + "98000001;;2026;7,2;80;40\n").encode(),
                                headers={**CONTROLLER_ZWOLLE, **CSV})
    assert refused.status_code == 403


@pytest.fixture
async def next_year(request: pytest.FixtureRequest, tmp_path: Path, database_kind: str):
    clock = FixedClock(datetime(2027, 1, 20, 9, tzinfo=UTC))
    async with demo_region(request, tmp_path, ROOT / "examples/regions/ijsselland.toml", database_kind,
                           clock) as started:
        yield started


async def test_a_closed_years_clauses_become_a_malus_and_a_bonus_item_once(next_year):
    runtime, client = next_year
    for number in range(300201, 300206):
        await publish_allocation(runtime, {**allocation(number), "client_bsn": f"99990000{number % 10}"})
        await publish_stop(runtime, {**stop(number, "32" if number % 2 else "31"), "client_bsn": f"99990000{number % 10}"})
    await client.post(SCORES, content=(HEADER + "98000001;;2026;7,6;;30\n").encode(), headers={**FINANCE, **CSV})
    settled = await client.post("/payments/v1/outcomes/settlements", json={"period": "2026"}, headers=FINANCE)
    assert settled.status_code == 201, settled.text
    amounts = {s["clause"]: s["amount"] for s in settled.json()["settled"]}
    assert amounts == {"uitval": -500000, "tevredenheid": 250000}  # dropout 3 of 5 = 60 % > 15 %; 7,6 ≥ 7,5
    again = await client.post("/payments/v1/outcomes/settlements", json={"period": "2026"}, headers=FINANCE)
    assert again.status_code == 409 and again.json()["errors"][0]["rule"] == "HF-OUTCOME-SETTLED"
    items = (await client.get("/payments/v1/items", headers=FINANCE)).json()
    mine = sorted((i["kind"], i["amount"]) for i in items if i["item_id"].startswith("outcome-"))
    assert mine == [("bonus", 250000), ("malus", -500000)]


async def test_an_open_period_is_not_settled(region):
    runtime, client = region
    refused = await client.post("/payments/v1/outcomes/settlements", json={"period": "2026"}, headers=FINANCE)
    assert refused.status_code == 422 and refused.json()["errors"][0]["rule"] == "HF-OUTCOME-PERIOD-OPEN"


async def test_a_closed_quarters_goal_attainment_earns_the_bonus_due_in_the_next_run(region):
    runtime, client = region
    await client.post(SCORES, content=(HEADER + "98000003;;2026-K1;;76;30\n").encode(), headers={**FINANCE, **CSV})
    settled = await client.post("/payments/v1/outcomes/settlements", json={"period": "2026-K1"}, headers=FINANCE)
    assert settled.status_code == 201, settled.text
    assert [(s["contract_id"], s["clause"], s["measured"], s["amount"]) for s in settled.json()["settled"]] == [
        ("98000003", "doelrealisatie", "76.0", 100000)]
    items = (await client.get("/payments/v1/items", headers=FINANCE)).json()
    assert [(i["kind"], i["amount"], i["status"]) for i in items if i["item_id"].startswith("outcome-")] == [
        ("bonus", 100000, "due")]
