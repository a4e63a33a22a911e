"""An admin bound to one municipality changes only what covers that municipality alone: another
municipality's contract is not there (404); a contract covering others too — a region-wide one —
and the region's products need an admin bound to every municipality they cover (403)."""

from __future__ import annotations

from typing import Any

import pytest

from services.gateway.handlers.parties import StaffSpec, register_staff
from shared.auth.principal import Role
from tests.support.embedded import settle

REGISTER = "/allocation/v1/register"
REGIONAL = {"Authorization": "Bearer demo-staff-beheer"}
ZWOLLE_ADMIN = {"Authorization": "Bearer test-staff-beheer.zwolle-0193"}
REGION_WIDE = "98000001"  # the demo region's contracts name no municipality: they cover all eleven


@pytest.fixture
async def bound(demo: Any) -> Any:
    runtime, client = demo
    await register_staff(runtime.container("gateway").context, StaffSpec(
        "beheer.zwolle", (Role.ADMIN,), ("0193",), tokens=("test-staff-beheer.zwolle-0193",)))
    for contract_id, municipalities in (("zwolle-1", ["0193"]), ("deventer-1", ["0150"])):
        concluded = await client.post(f"{REGISTER}/contracts", headers=REGIONAL, json={
            "contract_id": contract_id, "provider_agb": "98000006", "municipalities": municipalities,
            "payment_term_days": 30})
        assert concluded.status_code == 201, concluded.text
    await settle(runtime)
    return client


async def test_a_contract_for_another_municipality_is_neither_concluded_nor_seen_nor_changed(bound):
    concluded = await bound.post(f"{REGISTER}/contracts", headers=ZWOLLE_ADMIN, json={
        "contract_id": "deventer-2", "provider_agb": "98000006", "municipalities": ["0150"], "payment_term_days": 30})
    terms = await bound.post(f"{REGISTER}/contracts/deventer-1/terms", headers=ZWOLLE_ADMIN,
                             json={"payment_term_days": 7, "advance_per_month": None})
    seen = {c["contract_id"] for c in (await bound.get(REGISTER, headers=ZWOLLE_ADMIN)).json()["contracts"]}
    assert (concluded.status_code, terms.status_code) == (404, 404)
    assert "zwolle-1" in seen and REGION_WIDE in seen and "deventer-1" not in seen


async def test_a_region_wide_contract_and_the_regions_products_need_a_regional_admin(bound):
    refused = [await bound.post(f"{REGISTER}{path}", headers=ZWOLLE_ADMIN, json=body) for path, body in (
        (f"/contracts/{REGION_WIDE}/terms", {"payment_term_days": 7, "advance_per_month": None}),
        (f"/contracts/{REGION_WIDE}/ceilings", {"year": 2027, "ceiling": 1}),
        ("/contracts", {"contract_id": "region-2", "provider_agb": "98000006", "payment_term_days": 30}),
        ("/products", {"category": "45", "code": "45B99", "unit": "04", "variant": "inspanning"}))]
    assert [r.status_code for r in refused] == [403, 403, 403, 403]
    contract = next(c for c in (await bound.get(REGISTER, headers=REGIONAL)).json()["contracts"]
                    if c["contract_id"] == REGION_WIDE)
    assert contract["payment_term_days"] == 30 and "2027" not in contract["ceilings"]


async def test_an_admin_changes_a_contract_of_their_own_municipality(bound):
    terms = await bound.post(f"{REGISTER}/contracts/zwolle-1/terms", headers=ZWOLLE_ADMIN,
                             json={"payment_term_days": 14, "advance_per_month": None})
    assert terms.status_code == 200 and terms.json()["payment_term_days"] == 14
