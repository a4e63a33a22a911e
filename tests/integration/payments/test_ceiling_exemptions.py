"""Care the region exempts from contract ceilings (CS Jeugd: crisis care, named allocations) is paid
regardless of the ceiling, never held for it, and shown beside it in the ceiling report."""

from __future__ import annotations

from typing import Any

from services.gateway.region.loader import load_region
from services.gateway.region.model import read_region
from tests.integration.payments.conftest import ROOT, create_run, transfers
from tests.integration.payments.test_ceiling_holds import (
    LINE, ceiling_row, declare_beyond_a_ceiling, held_lines,
)
from tests.support.embedded import settle

FINANCE = {"Authorization": "Bearer demo-staff-financien"}


async def exempting(runtime: Any, **exempt: list[str]) -> None:
    """The demo region with `[policy.ceiling_exempt]` set as given, loaded again."""
    region = read_region(ROOT / "examples/regions/ijsselland.toml")
    policy = region.policy.model_copy(update={"ceiling_exempt": region.policy.ceiling_exempt.model_copy(update=exempt)})
    await load_region(runtime.container("gateway").context, region.model_copy(update={"policy": policy}))
    await settle(runtime)


async def test_an_exempt_product_beyond_the_ceiling_is_approved_paid_and_reported_beside_it(region):
    runtime, client = region
    await exempting(runtime, products=["45A01"])
    await declare_beyond_a_ceiling(runtime, client)
    assert await held_lines(client) == []
    row = await ceiling_row(client)
    assert (row["approved"], row["held"], row["used"], row["exempt"], row["state"]) == (0, 0, 0, LINE, "ok")
    assert transfers((await create_run(client)).json()) == {"98000001": LINE}


async def test_a_line_held_for_the_ceiling_is_approved_when_matched_again_after_the_region_exempts_it(region):
    runtime, client = region
    declaration_id = await declare_beyond_a_ceiling(runtime, client)
    (held,) = await held_lines(client)
    await exempting(runtime, categories=["45"])
    again = await client.post(f"/invoicing/v1/queue/{declaration_id}/{held['reference']}/rematch", headers=FINANCE)
    assert again.status_code == 204, again.text
    await settle(runtime)
    assert await held_lines(client) == []
    row = await ceiling_row(client)
    assert (row["held"], row["used"], row["exempt"]) == (0, 0, LINE)
