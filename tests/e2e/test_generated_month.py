"""A generated month through the whole chain, over HTTP only as the parties would send it: every
line ends as the standard says, every declaration gets exactly one JW325 whose totals add up."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from lxml import etree

from services.allocation.adapters import rebuild as allocation_rebuild
from services.demo.feed import tokens_of
from services.demo.options import GeneratorOptions
from services.demo.scenario import build_scenario
from services.gateway.adapters import rebuild as gateway_rebuild
from services.gateway.region.model import read_region
from services.invoicing.adapters import rebuild as invoicing_rebuild
from services.invoicing.adapters.tables import lines
from services.invoicing.domain.policy import REJECT_BY_DEFAULT
from services.invoicing.handlers.deadline import reject_overdue
from services.payments.adapters import rebuild as payments_rebuild
from shared.ijw import decode
from tests.support.embedded import settle
from tests.support.regions import month_app
from tests.support.read_models import snapshot

REGION_FILE = Path(__file__).resolve().parents[2] / "examples" / "regions" / "ijsselland.toml"
REGION = read_region(REGION_FILE)
OPTIONS = GeneratorOptions(municipalities=3, clients=12, seed=7)
FINANCE = {"Authorization": "Bearer demo-staff-financien"}
SECOND_FINANCE = {"Authorization": "Bearer demo-staff-financien2"}
YEAR = OPTIONS.first_month.year
PAIN = {"p": "urn:iso:std:iso:20022:tech:xsd:pain.001.001.03"}
REBUILDERS = {"gateway": gateway_rebuild, "allocation": allocation_rebuild, "invoicing": invoicing_rebuild,
              "payments": payments_rebuild}


@pytest.fixture(scope="module")
def scenario():  # type: ignore[no-untyped-def]
    return build_scenario(REGION, OPTIONS)


@pytest.fixture
async def month(tmp_path: Path):  # type: ignore[no-untyped-def]
    """The month, every message accepted; fed once per run, each test gets its own copy."""
    async with month_app(tmp_path, REGION_FILE, OPTIONS) as (runtime, client):
        yield runtime, client


def expected_status(codes: tuple[str, ...]) -> str:
    if not codes:
        return "approved"
    return "rejected" if any(code in REJECT_BY_DEFAULT for code in codes) else "held"


async def line_rows(runtime) -> dict[tuple[str, str], sa.Row]:  # type: ignore[no-untyped-def]
    async with runtime.container("invoicing").db.engines.read.connect() as conn:
        return {(r.provider, r.reference): r for r in await conn.execute(sa.select(lines))}


async def test_every_line_ends_with_the_outcome_and_codes_the_standard_gives(month, scenario):
    runtime, _ = month
    rows = await line_rows(runtime)
    sent = [(m.sender, line) for m in scenario.messages for line in m.lines]
    assert len(rows) == len(sent)  # every line received exactly once
    wrong = [(line.reference, line.codes, rows[(agb, line.reference)].status, rows[(agb, line.reference)].codes)
             for agb, line in sent
             if (rows[(agb, line.reference)].status, set(rows[(agb, line.reference)].codes))
             != (expected_status(line.codes), set(line.codes) if expected_status(line.codes) != "approved" else set())]
    assert wrong == []


async def past_the_deadline(runtime) -> None:  # type: ignore[no-untyped-def]
    inv = runtime.container("invoicing").context
    await reject_overdue(inv, inv.clock.today().replace(year=inv.clock.today().year + 1))
    await settle(runtime)


async def jw325s(client, scenario) -> dict[str, dict[str, Any]]:  # type: ignore[no-untyped-def]
    """Declaration id → {answer id → decoded JW325}, read from the providers' mailboxes."""
    answers: dict[str, dict[str, Any]] = defaultdict(dict)
    for token in {tokens_of(REGION)[m.sender] for m in scenario.messages if m.lines}:  # a hub reads for two
        headers = {"Authorization": f"Bearer {token}"}
        for item in (await client.get("/gateway/v1/mailbox", headers=headers)).json():
            if item["message_code"] == "JW325":
                xml = (await client.get(f"/gateway/v1/mailbox/{item['message_id']}", headers=headers)).content
                answers[item["in_reply_to"]][item["message_id"]] = decode(xml)
    return answers


async def test_after_the_deadline_every_declaration_has_one_jw325_whose_totals_add_up(month, scenario):
    runtime, client = month
    await past_the_deadline(runtime)
    answers = await jw325s(client, scenario)
    declarations = sum(1 for m in scenario.messages if m.lines)
    assert len(answers) == declarations and all(len(a) == 1 for a in answers.values())
    for answer in (a for by_id in answers.values() for a in by_id.values()):
        body = answer.answer
        returned = sum(line.amount.signed for client in body.clients for line in client.lines)
        assert returned == body.total_submitted.signed - body.total_granted.signed  # TR342


async def test_the_books_balance_and_replaying_every_event_rebuilds_the_same_read_models(month, scenario):
    runtime, client = month
    await past_the_deadline(runtime)
    rows = await line_rows(runtime)
    assert len(rows) == sum(len(m.lines) for m in scenario.messages)
    assert {r.status for r in rows.values()} <= {"approved", "rejected"}  # each line decided once, none left
    assert (await client.get("/invoicing/v1/queue", headers=FINANCE)).json() == []

    approved: dict[str, int] = defaultdict(int)  # what the JW325s granted, per provider
    for answer in (a for by_id in (await jw325s(client, scenario)).values() for a in by_id.values()):
        approved[answer.header.header.receiver] += answer.answer.total_granted.signed if answer.answer else 0
    advance_contracts = {c["provider"]: c["advance_per_month"] for c in REGION.contracts if c.get("advance_per_month")}
    assert any(approved[p] for p in advance_contracts) and any(approved[p] for p in approved if p not in advance_contracts)

    # Run 1: every advance of the year and the approved lines of the contracts without advances.
    year_end = f"{YEAR}-12-31"
    assert (await client.post("/payments/v1/advances/schedule", json={"up_to": year_end}, headers=FINANCE)).json()
    run = await finance(client, "/payments/v1/runs", {"due_up_to": f"{YEAR + 1}-12-31"})
    paid = {t["provider"]: t["amount"] for t in run["transfers"]}
    await finance(client, f"/payments/v1/runs/{run['run_id']}/approve", {}, SECOND_FINANCE)
    for step in ("export", "confirm"):
        await finance(client, f"/payments/v1/runs/{run['run_id']}/{step}", {})
    assert await sepa_transfers(client, run["run_id"]) == paid  # the file the bank executes says the same
    lump_sums = {s.contract for s in REGION.lump_sums}  # lines under a lump sum are information, not paid
    assert {p: a for p, a in paid.items() if p not in advance_contracts} == {
        p: a for p, a in approved.items() if p not in set(advance_contracts) | lump_sums and a}
    assert {p: paid[p] for p in advance_contracts} == {p: 12 * a for p, a in advance_contracts.items()}

    # The settlement of each advance contract: the approved amount minus the advances paid.
    for provider, advance in advance_contracts.items():
        settled = await finance(client, "/payments/v1/advances/settle",
                                {"contract_id": provider, "year": YEAR, "due_on": year_end})
        assert settled == {"settled": True, "balance": approved[provider] - 12 * advance}

    for name, rebuild in REBUILDERS.items():
        db = runtime.container(name).db
        before = await snapshot(db, rebuild.PROJECTIONS)
        assert sum(map(len, before.values())), f"{name} has nothing to rebuild"
        await rebuild.rebuild_projections(db)
        assert await snapshot(db, rebuild.PROJECTIONS) == before, f"{name}: replay differs"


async def sepa_transfers(client, run_id: str) -> dict[str, int]:  # type: ignore[no-untyped-def]
    """Provider → eurocents credited to its account in the run's pain.001 file."""
    xml = (await client.get(f"/payments/v1/runs/{run_id}/file", headers=FINANCE)).content
    by_iban = {p.iban: p.agb for p in REGION.providers}
    paid: dict[str, int] = defaultdict(int)
    for transfer in etree.fromstring(xml).iterfind(".//p:CdtTrfTxInf", PAIN):
        amount = Decimal(transfer.findtext("p:Amt/p:InstdAmt", namespaces=PAIN)) * 100
        paid[by_iban[transfer.findtext("p:CdtrAcct/p:Id/p:IBAN", namespaces=PAIN)]] += int(amount)
    return dict(paid)


async def finance(client, path: str, body: dict[str, Any],  # type: ignore[no-untyped-def]
                  headers: dict[str, str] = FINANCE) -> Any:
    done = await client.post(path, json=body, headers=headers)
    assert done.status_code in (200, 201), done.text
    return done.json()
