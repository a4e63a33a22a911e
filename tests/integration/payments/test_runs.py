"""Payment runs through HTTP: what a run pays, and that nothing is paid twice."""

from __future__ import annotations

from datetime import timedelta

from shared.exchange.invoicing import DECLARATION_SETTLED
from tests.integration.payments.conftest import (
    CONTROLLER, FINANCE, FINANCE_ZWOLLE, TODAY, create_run, envelope, line, pay, publish, publish_settled, settled,
    transfers,
)


async def test_a_run_pays_each_provider_exactly_the_approved_amount(region):
    runtime, client = region
    await publish_settled(runtime, settled("98000001", "0193", [line("A1", 60000), line("A2", 40000)]))
    await publish_settled(runtime, settled("98000003", "0150", [line("B1", 25000, code="41A01")]))
    run = (await create_run(client)).json()
    assert transfers(run) == {"98000001": 100000, "98000003": 25000} and run["total"] == 125000


async def test_an_item_is_due_after_the_contract_payment_term(region):
    runtime, client = region
    await publish_settled(runtime, settled("98000003", "0150", [line("B1", 25000, code="41A01")]))
    items = (await client.get("/payments/v1/items", headers=FINANCE)).json()
    assert [(i["due_on"], i["status"]) for i in items] == [((TODAY + timedelta(days=14)).isoformat(), "due")]
    assert (await create_run(client, TODAY + timedelta(days=13))).status_code == 409


async def test_an_item_is_never_in_two_runs(region):
    runtime, client = region
    await publish_settled(runtime, settled("98000001", "0193", [line("A1", 60000)]))
    assert (await create_run(client)).status_code == 201
    assert (await create_run(client)).status_code == 409


async def test_a_cancelled_runs_items_return_to_due(region):
    runtime, client = region
    await publish_settled(runtime, settled("98000001", "0193", [line("A1", 60000)]))
    first = (await create_run(client)).json()
    cancelled = await client.post(f"/payments/v1/runs/{first['run_id']}/cancel", json={"reason": "wrong date"},
                                  headers=FINANCE)
    assert cancelled.json()["status"] == "cancelled"
    assert [i["status"] for i in (await client.get("/payments/v1/items", headers=FINANCE)).json()] == ["due"]
    assert transfers((await create_run(client)).json()) == {"98000001": 60000}


async def test_a_confirmed_run_marks_its_items_paid_and_they_are_never_collected_again(region):
    runtime, client = region
    await publish_settled(runtime, settled("98000001", "0193", [line("A1", 60000)]))
    run = (await create_run(client)).json()
    confirmed = (await pay(client, run["run_id"])).json()
    assert confirmed["status"] == "confirmed" and [i["status"] for i in confirmed["items"]] == ["paid"]
    assert (await create_run(client)).status_code == 409
    cancel = await client.post(f"/payments/v1/runs/{run['run_id']}/cancel", json={"reason": "x"}, headers=FINANCE)
    assert cancel.status_code == 409


async def test_a_credit_reduces_what_is_owed(region):
    runtime, client = region
    await publish_settled(runtime, settled("98000001", "0193", [line("A1", 60000)]))
    credit = [line("A2", -60000, previous="A1"), line("A3", 10000)]
    await publish_settled(runtime, settled("98000001", "0193", credit))
    assert transfers((await create_run(client)).json()) == {"98000001": 10000}


async def test_a_provider_owing_more_than_it_is_owed_is_carried_forward(region):
    runtime, client = region
    await publish_settled(runtime, settled("98000001", "0193", [line("A2", -60000, previous="A1")]))
    await publish_settled(runtime, settled("98000003", "0150", [line("B1", 25000, code="41A01")]))
    run = (await create_run(client)).json()
    assert transfers(run) == {"98000003": 25000} and run["carried_forward"] == ["98000001"]


async def test_a_redelivered_settlement_changes_nothing(region):
    runtime, client = region
    payload = settled("98000001", "0193", [line("A1", 60000)])
    record = envelope(DECLARATION_SETTLED, payload, "declaration-1")
    await publish(runtime, record, record)  # the same event twice: the inbox refuses the second
    await publish_settled(runtime, payload)  # another event id, the same lines: booked once
    events = await runtime.container("payments").db.read_all()
    assert len([e for e in events if e.type == "payments.ApprovedLineBooked"]) == 1
    assert transfers((await create_run(client)).json()) == {"98000001": 60000}


async def test_runs_need_the_finance_role(region):
    _, client = region
    refused = await client.post("/payments/v1/runs", json={"due_up_to": "2026-12-31"}, headers=CONTROLLER)
    unknown = await client.get("/payments/v1/runs", headers={"Authorization": "Bearer nope-nope-nope"})
    assert (refused.status_code, unknown.status_code) == (403, 401)


async def test_finance_staff_of_one_municipality_see_only_its_items_and_no_run(region):
    runtime, client = region
    await publish_settled(runtime, settled("98000001", "0193", [line("A1", 60000)]))
    await publish_settled(runtime, settled("98000003", "0150", [line("B1", 25000, code="41A01")]))
    run = (await create_run(client)).json()
    items = (await client.get("/payments/v1/items", headers=FINANCE_ZWOLLE)).json()
    assert [i["municipality"] for i in items] == ["0193"]
    assert (await client.get(f"/payments/v1/runs/{run['run_id']}", headers=FINANCE_ZWOLLE)).status_code == 404


async def test_only_finance_staff_bound_to_every_municipality_start_a_run(region):
    runtime, client = region
    await publish_settled(runtime, settled("98000001", "0193", [line("A1", 60000)]))
    refused = await client.post("/payments/v1/runs", json={"due_up_to": "2027-12-31"}, headers=FINANCE_ZWOLLE)
    assert refused.status_code == 403
