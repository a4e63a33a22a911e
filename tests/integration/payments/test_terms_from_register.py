"""Contract terms reach payments from the register, whoever changed them: the region file or an
admin through the allocation service's register API."""

from __future__ import annotations

from datetime import timedelta

from tests.integration.payments.conftest import FINANCE, TODAY, line, publish_settled, settled
from tests.support.embedded import settle

ADMIN = {"Authorization": "Bearer demo-staff-beheer"}


async def test_a_payment_term_changed_by_an_admin_decides_when_new_items_are_due(region):
    runtime, client = region
    changed = await client.post("/allocation/v1/register/contracts/98000003/terms",
                                json={"payment_term_days": 7, "advance_per_month": None}, headers=ADMIN)
    assert changed.status_code == 200, changed.text
    await settle(runtime)
    await publish_settled(runtime, settled("98000003", "0150", [line("B1", 25000, code="41A01")]))
    items = (await client.get("/payments/v1/items", headers=FINANCE)).json()
    assert [i["due_on"] for i in items] == [(TODAY + timedelta(days=7)).isoformat()]


async def test_reloading_a_region_file_changed_elsewhere_keeps_the_admins_payment_term(region, tmp_path):
    from pathlib import Path

    from services.gateway.region.loader import load_region
    from services.gateway.region.model import read_region

    runtime, client = region
    await client.post("/allocation/v1/register/contracts/98000003/terms",
                      json={"payment_term_days": 7, "advance_per_month": None}, headers=ADMIN)
    await settle(runtime)
    demo = Path(__file__).resolve().parents[3] / "examples" / "regions" / "ijsselland.toml"
    changed = tmp_path / "changed.toml"
    changed.write_text(demo.read_text().replace("jeugd-ggz = 240000000", "jeugd-ggz = 250000000", 1))
    await load_region(runtime.container("gateway").context, read_region(changed))  # budgets changed, contracts not
    await settle(runtime)
    await publish_settled(runtime, settled("98000003", "0150", [line("B1", 25000, code="41A01")]))
    items = (await client.get("/payments/v1/items", headers=FINANCE)).json()
    assert [i["due_on"] for i in items] == [(TODAY + timedelta(days=7)).isoformat()]
