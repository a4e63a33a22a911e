"""The register's admin API: admins change the register the way the region file does, and the
change reaches the services that project it."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from services.allocation.adapters.tables import kernel
from services.invoicing.adapters.tables import tariffs
from shared.events.envelope import Envelope
from shared.ijw import decode
from tests.integration.allocation.conftest import PROVIDER, STAFF, TODAY, issue
from tests.support.audit import audit_entries
from tests.support.embedded import settle

REGISTER = "/allocation/v1/register"
ADMIN = {"Authorization": "Bearer demo-staff-beheer"}
FINANCE = {"Authorization": "Bearer demo-staff-financien"}
FARM = "98000003"  # contracted for 41A01 and 40A01 from 2020-01-01 to 2099-12-31 (conftest)
NEW_TARIFF = {"category": "45", "code": "45A01", "valid_from": "2026-01-01", "valid_until": None, "amount": 8100}
LAST_MONTH_END = TODAY.replace(day=1) - timedelta(days=1)
LAST_MONTH = LAST_MONTH_END.replace(day=1)
JW323 = (Path(__file__).resolve().parents[3] / "examples" / "demo" / "JW323.xml").read_bytes().replace(
    b"2026-04-01", str(LAST_MONTH).encode()).replace(b"2026-04-30", str(LAST_MONTH_END).encode()).replace(
    b"2026-05-06", str(TODAY).encode()).replace(b">45A01<", b">55A11<").replace(
    b"ProductCategorie>45<", b"ProductCategorie>55<").replace(b">7850<", b">7500<").replace(
    b">62800<", b">60000<")  # 8 hours of 55A11, which only the admin contracts, at 7500 for 300201, last month
AS_PROVIDER = {"Authorization": f"Bearer demo-aanbieder-{PROVIDER}", "Content-Type": "application/xml"}


async def published(runtime: Any, name: str) -> list[dict[str, Any]]:
    async with runtime.container("allocation").db.engines.read.connect() as conn:
        values = (await conn.execute(sa.select(kernel.outbox.c.value))).scalars()
        return [e.payload for e in map(Envelope.from_json, values) if e.type == name]


async def as_admin(client: Any, path: str, body: dict[str, Any]) -> Any:
    return await client.post(f"{REGISTER}{path}", json=body, headers=ADMIN)


async def event_count(runtime: Any) -> int:
    return len(await runtime.container("allocation").db.read_all(limit=10_000))


async def test_an_agreed_tariff_reaches_invoicings_tariff_read_model(demo):
    runtime, client = demo
    agreed = await as_admin(client, f"/contracts/{FARM}/tariffs", NEW_TARIFF)
    assert agreed.status_code == 201, agreed.text
    await settle(runtime)
    async with runtime.container("invoicing").db.engines.read.connect() as conn:
        rows = (await conn.execute(sa.select(tariffs).where(tariffs.c.provider == FARM,
                                                            tariffs.c.code == "45A01"))).all()
    assert [(r.unit, r.valid_from, r.valid_to, r.cents) for r in rows] == [("04", date(2026, 1, 1), None, 8100)]


async def test_a_declaration_line_on_an_admin_contracted_product_is_priced_by_its_tariff(demo):
    runtime, client = demo
    product = {"category": "55", "code": "55A11", "unit": "04", "variant": "inspanning"}
    tariff = {"category": "55", "code": "55A11", "valid_from": str(LAST_MONTH), "amount": 7500}
    assert (await as_admin(client, "/products", product)).status_code == 201
    assert (await as_admin(client, f"/contracts/{PROVIDER}/tariffs", tariff)).status_code == 201
    await issue(runtime, client, allocation_number=300201, product={"category": "55", "code": "55A11"},
                start=str(LAST_MONTH), extent={"volume": 8, "unit": "04", "frequency": "4"})
    posted = await client.post("/gateway/v1/messages", content=JW323, headers=AS_PROVIDER)
    await settle(runtime)
    status = (await client.get(f"/gateway/v1/messages/{posted.json()['message_id']}", headers=AS_PROVIDER)).json()
    answer = decode((await client.get(f"/gateway/v1/mailbox/{status['answer_id']}", headers=AS_PROVIDER)).content)
    assert answer.answer.codes == ("8001",) and answer.answer.total_granted.cents == 60000


async def test_a_tariff_overlapping_another_of_the_same_product_is_refused(demo):
    _, client = demo
    overlapping = {**NEW_TARIFF, "category": "41", "code": "41A01"}
    refused = await as_admin(client, f"/contracts/{FARM}/tariffs", overlapping)
    assert refused.status_code == 422
    assert refused.json()["errors"][0]["rule"] == "HF-TARIFF-OVERLAP"


async def test_only_admins_read_or_change_the_register(demo):
    _, client = demo
    for staff in (STAFF, FINANCE):
        assert (await client.get(REGISTER, headers=staff)).status_code == 403
        changed = await client.post(f"{REGISTER}/contracts/{FARM}/tariffs", json=NEW_TARIFF, headers=staff)
        assert changed.status_code == 403


async def test_the_same_request_twice_appends_no_event(demo):
    runtime, client = demo
    first = await as_admin(client, f"/contracts/{FARM}/tariffs", NEW_TARIFF)
    before = await event_count(runtime)
    again = await as_admin(client, f"/contracts/{FARM}/tariffs", NEW_TARIFF)
    assert (first.status_code, again.status_code) == (201, 200)
    assert again.json() == first.json() and await event_count(runtime) == before


async def test_concluding_the_same_contract_again_changes_nothing_but_another_under_its_id_is_refused(demo):
    runtime, client = demo
    contract = {"contract_id": FARM, "provider_agb": FARM, "payment_term_days": 14}
    before = await event_count(runtime)
    assert (await as_admin(client, "/contracts", contract)).status_code == 200
    other = await as_admin(client, "/contracts", {**contract, "provider_agb": "98000006"})
    assert other.json()["errors"][0]["rule"] == "HF-CONTRACT-ID" and await event_count(runtime) == before


async def test_a_changed_payment_term_is_published_with_the_contracts_whole_terms(demo):
    runtime, client = demo
    terms = {"payment_term_days": 21, "advance_per_month": 500000}
    amended = await as_admin(client, f"/contracts/{FARM}/terms", terms)
    assert amended.status_code == 200, amended.text
    contract = (await published(runtime, "allocation.ContractPublished"))[-1]
    assert (contract["contract_id"], contract["payment_term_days"], contract["advance_per_month"]) == (FARM, 21, 500000)


async def test_a_new_product_and_contract_carry_a_tariff_the_register_shows(demo):
    _, client = demo
    product = {"category": "45", "code": "45A09", "unit": "04", "variant": "inspanning"}
    contract = {"contract_id": "new-1", "provider_agb": "98000006", "municipalities": ["0193"],
                "payment_term_days": 30}
    tariff = {**NEW_TARIFF, "code": "45A09"}
    assert (await as_admin(client, "/products", product)).status_code == 201
    assert (await as_admin(client, "/contracts", contract)).status_code == 201
    assert (await as_admin(client, "/contracts/new-1/tariffs", tariff)).status_code == 201
    shown = {c["contract_id"]: c for c in (await client.get(REGISTER, headers=ADMIN)).json()["contracts"]}
    assert [(t["code"], t["amount"]) for t in shown["new-1"]["tariffs"]] == [("45A09", 8100)]


async def test_a_municipal_budget_needs_a_known_budget_line(demo):
    _, client = demo
    budget = {"municipality": "0193", "year": 2027, "budget_line": "jeugd-onbekend", "amount": 100}
    refused = await as_admin(client, "/budgets", budget)
    assert refused.status_code == 422 and refused.json()["errors"][0]["rule"] == "HF-BUDGET-LINE"


async def test_a_set_budget_is_published_and_read_back(demo):
    runtime, client = demo
    budget = {"municipality": "0193", "year": 2027, "budget_line": "jeugd-ggz", "amount": 1_100_000_000}
    assert (await as_admin(client, "/budgets", budget)).status_code == 200
    assert budget in (await client.get(REGISTER, headers=ADMIN)).json()["budgets"]
    assert budget in await published(runtime, "allocation.BudgetPublished")


async def test_a_ceiling_for_an_unknown_contract_is_not_found(demo):
    _, client = demo
    missing = await as_admin(client, "/contracts/nope/ceilings", {"year": 2027, "ceiling": 1})
    assert missing.status_code == 404


async def test_an_admin_change_is_audited(demo):
    runtime, client = demo
    await as_admin(client, f"/contracts/{FARM}/ceilings", {"year": 2027, "ceiling": 5000})
    rows = await audit_entries(runtime, service="allocation")
    assert [(r.username, r.action, r.object) for r in rows] == [("beheer", "register.set_ceiling",
                                                                 f"contract {FARM} ceiling 2027")]
