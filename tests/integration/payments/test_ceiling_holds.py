"""Budget ceilings through the whole chain (issue 7 rule 4): a line beyond its contract's ceiling
is held for finance at matching, counts as held in the ceiling report until finance decides, and
is paid only once approved."""

from __future__ import annotations

from typing import Any

from services.invoicing.handlers.deadline import reject_overdue
from tests.integration.payments.conftest import (CONTROLLER, EIGHT_HOURS, FINANCE, PROVIDER, create_run,
                                                declare_through_the_apis, transfers)
from tests.support.embedded import settle

ADMIN = {"Authorization": "Bearer demo-staff-beheer"}
LINE = EIGHT_HOURS


async def declare_beyond_a_ceiling(runtime: Any, client: Any, ceiling: int = 50000) -> str:
    set_ceiling = await client.post("/allocation/v1/register/contracts/98000001/ceilings",
                                    json={"year": 2026, "ceiling": ceiling}, headers=ADMIN)
    assert set_ceiling.status_code == 200, set_ceiling.text
    return await declare_through_the_apis(runtime, client)


async def ceiling_row(client: Any) -> dict[str, Any]:
    report = (await client.get("/payments/v1/reports/ceilings", params={"year": 2026}, headers=CONTROLLER)).json()
    return next(r for r in report["rows"] if r["provider"] == "98000001")


async def held_lines(client: Any) -> list[dict[str, Any]]:
    return (await client.get("/invoicing/v1/queue", headers=FINANCE)).json()


async def test_a_line_beyond_the_ceiling_waits_for_finance_and_counts_as_held(region):
    runtime, client = region
    declaration_id = await declare_beyond_a_ceiling(runtime, client)
    (held,) = await held_lines(client)
    assert (held["declaration_id"], held["codes"], held["amount"]) == (declaration_id, [], LINE)
    basis = held["compared_with"]
    assert (basis["ceiling_contract"], basis["ceiling_year"], basis["ceiling_amount"], basis["ceiling_used"]) == (
        "98000001", 2026, 50000, LINE)
    row = await ceiling_row(client)
    assert (row["approved"], row["held"], row["used"], row["state"]) == (0, LINE, LINE, "op rood")
    assert (await client.get("/payments/v1/items", headers=FINANCE)).json() == []


async def test_approved_by_finance_the_line_is_paid_and_counts_as_approved(region):
    runtime, client = region
    declaration_id = await declare_beyond_a_ceiling(runtime, client)
    path = f"/invoicing/v1/queue/{declaration_id}/{(await held_lines(client))[0]['reference']}"
    without_code = await client.post(f"{path}/reject", json={"reason": "plafond bereikt"}, headers=FINANCE)
    assert without_code.status_code == 422 and "retourcode" in without_code.text
    approved = await client.post(f"{path}/approve", json={"reason": "plafond verhoogd na overleg"}, headers=FINANCE)
    assert approved.status_code == 204, approved.text
    await settle(runtime)
    row = await ceiling_row(client)
    assert (row["approved"], row["held"], row["used"]) == (LINE, 0, LINE)
    assert transfers((await create_run(client)).json()) == {"98000001": LINE}


async def test_rejected_by_finance_with_a_code_the_line_is_released(region):
    runtime, client = region
    declaration_id = await declare_beyond_a_ceiling(runtime, client)
    path = f"/invoicing/v1/queue/{declaration_id}/{(await held_lines(client))[0]['reference']}"
    rejected = await client.post(f"{path}/reject", json={"reason": "plafond bereikt", "codes": ["9369"]},
                                 headers=FINANCE)
    assert rejected.status_code == 204, rejected.text
    await settle(runtime)
    row = await ceiling_row(client)
    assert (row["approved"], row["held"], row["used"]) == (0, 0, 0)
    mailbox = (await client.get("/gateway/v1/mailbox", headers=PROVIDER)).json()
    assert [m["message_code"] for m in mailbox] == ["JW301", "JW325"]


async def test_a_raised_ceiling_approves_the_held_line_by_itself(region):
    runtime, client = region
    await declare_beyond_a_ceiling(runtime, client)
    raised = await client.post("/allocation/v1/register/contracts/98000001/ceilings",
                               json={"year": 2026, "ceiling": LINE}, headers=ADMIN)
    assert raised.status_code == 200, raised.text
    await settle(runtime)
    assert await held_lines(client) == []
    row = await ceiling_row(client)
    assert (row["approved"], row["held"], row["state"]) == (LINE, 0, "op rood")


async def test_still_held_at_the_deadline_margin_the_line_is_approved(region):
    runtime, client = region
    await declare_beyond_a_ceiling(runtime, client)
    inv = runtime.container("invoicing").context
    assert await reject_overdue(inv, today=inv.clock.today().replace(year=inv.clock.today().year + 1)) == 1
    await settle(runtime)
    assert await held_lines(client) == []
    assert (await ceiling_row(client))["approved"] == LINE
