"""TR381 (S329) asks whether the declared code belongs to its category in the region's product
code list; whether this provider has a tariff for it is TR418 (0611)."""

from __future__ import annotations

from datetime import date, time

from services.invoicing.domain.allocation import AllocationVersion, Extent, Frequency
from services.invoicing.domain.declaration import Unit
from services.invoicing.adapters.sql.master_data import record_allocation_version
from tests.integration.invoicing.test_declaration_flow import JW323, post_and_settle, region  # noqa: F401 (fixture)
from tests.support.embedded import settle

FINANCE = {"Authorization": "Bearer demo-staff-financien"}
ADMIN = {"Authorization": "Bearer demo-staff-beheer"}


async def allocate(runtime, category: str, code: str) -> None:  # type: ignore[no-untyped-def]
    version = AllocationVersion(date(2026, 3, 20), time(10, 0), category, code, date(2026, 4, 1), date(2026, 12, 31),
                                extent=Extent(8, Unit.HOUR, Frequency.PER_MONTH))
    async with runtime.container("invoicing").db.unit_of_work() as uow:
        await record_allocation_version(uow.connection, "0193", 300201, "98000001", "999900006", version)
        await uow.commit()


def declared(category: str, code: str) -> bytes:
    return JW323.replace(b"ProductCategorie>45<", f"ProductCategorie>{category}<".encode()).replace(
        b">45A01<", f">{code}<".encode())


async def held_codes(client) -> list[list[str]]:  # type: ignore[no-untyped-def]
    return [h["codes"] for h in (await client.get("/invoicing/v1/queue", headers=FINANCE)).json()]


async def test_a_listed_product_without_a_tariff_at_this_provider_gets_0611_only(region):
    runtime, client = region
    await allocate(runtime, "54", "54001")  # in the region's list; only 98000002 has a tariff for it
    await post_and_settle(runtime, client, declared("54", "54001"))
    assert await held_codes(client) == [["0611"]]


async def test_a_code_outside_the_product_list_gets_s329(region):
    runtime, client = region
    await allocate(runtime, "55", "55A11")
    await post_and_settle(runtime, client, declared("55", "55A11"))
    assert await held_codes(client) == [["S329", "0611"]]


async def test_a_product_the_register_adds_later_takes_s329_away_by_itself(region):
    runtime, client = region
    await allocate(runtime, "55", "55A11")
    await post_and_settle(runtime, client, declared("55", "55A11"))
    product = {"category": "55", "code": "55A11", "unit": "04", "variant": "inspanning"}
    added = await client.post("/allocation/v1/register/products", json=product, headers=ADMIN)
    assert added.status_code == 201, added.text
    await settle(runtime)
    assert await held_codes(client) == [["0611"]]
