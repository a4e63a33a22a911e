"""Advances (voorschotten): paid through runs, offset against approved lines, settled per year."""

from __future__ import annotations

from datetime import date

from tests.integration.payments.conftest import (
    FINANCE, create_run, line, pay, publish_settled, settled, transfers,
)

ADVANCE_2 = 12500000  # 98000002 a month, from the demo region file
ADVANCE_4 = 8000000  # 98000004


async def schedule(client, up_to: str = "2026-02-01") -> int:  # type: ignore[no-untyped-def]
    done = await client.post("/payments/v1/advances/schedule", json={"up_to": up_to}, headers=FINANCE)
    assert done.status_code == 200, done.text
    return done.json()["scheduled"]


async def test_advances_are_scheduled_once_per_month_and_paid_in_a_run(region):
    _, client = region
    assert await schedule(client) == 4
    assert await schedule(client) == 0
    run = (await create_run(client, date(2026, 2, 28))).json()
    assert transfers(run) == {"98000002": 2 * ADVANCE_2, "98000004": 2 * ADVANCE_4}


async def test_lines_on_an_advance_contract_are_offset_not_paid(region):
    runtime, client = region
    await publish_settled(runtime, settled("98000002", "0193", [line("G1", 30000000, code="54001")]))
    items = (await client.get("/payments/v1/items", headers=FINANCE)).json()
    assert [i["status"] for i in items] == ["offset"]


async def test_settlement_pays_the_approved_amount_minus_the_advances_paid(region):
    runtime, client = region
    await schedule(client)
    await pay(client, (await create_run(client, date(2026, 2, 28))).json()["run_id"])
    await publish_settled(runtime, settled("98000002", "0193", [line("G1", 30000000, date(2026, 1, 1), "54001")]))
    settle = await client.post("/payments/v1/advances/settle", headers=FINANCE,
                               json={"contract_id": "98000002", "year": 2026, "due_on": "2026-12-01"})
    assert settle.json() == {"settled": True, "balance": 30000000 - 2 * ADVANCE_2}
    assert transfers((await create_run(client)).json()) == {"98000002": 30000000 - 2 * ADVANCE_2}


async def test_settlement_waits_until_every_advance_of_the_year_is_paid(region):
    _, client = region
    await schedule(client)
    settle = await client.post("/payments/v1/advances/settle", headers=FINANCE,
                               json={"contract_id": "98000002", "year": 2026, "due_on": "2026-12-01"})
    assert settle.status_code == 409


async def test_the_settlement_statement_shows_advances_approved_and_balance(region):
    runtime, client = region
    await schedule(client)
    await pay(client, (await create_run(client, date(2026, 2, 28))).json()["run_id"])
    await publish_settled(runtime, settled("98000002", "0193", [line("G1", 20000000, date(2026, 1, 1), "54001")]))
    statement = await client.get("/payments/v1/advances/settlements/98000002", params={"year": 2026},
                                 headers=FINANCE)
    row = statement.json()["rows"][0]
    assert (row["advances paid"], row["approved"], row["balance"]) == (2 * ADVANCE_2, 20000000, -5000000)
