"""The register sections of the region file become register events and integration events;
loading the same content again decides nothing."""

from __future__ import annotations

from collections import Counter

import sqlalchemy as sa

from services.allocation.adapters.tables import kernel
from services.gateway.region.loader import load_region
from services.gateway.region.model import read_region
from shared.events.envelope import Envelope
from tests.integration.allocation.conftest import region_file
from tests.support.embedded import settle


async def published(runtime) -> Counter[str]:  # type: ignore[no-untyped-def]
    async with runtime.container("allocation").db.engines.read.connect() as conn:
        values = (await conn.execute(sa.select(kernel.outbox.c.value))).scalars()
        return Counter(Envelope.from_json(v).type for v in values)


async def register_events(runtime) -> Counter[str]:  # type: ignore[no-untyped-def]
    return Counter(e.type for e in await runtime.container("allocation").db.read_all(limit=10_000))


async def test_the_region_file_becomes_the_register_and_its_integration_events(demo):
    runtime, _ = demo
    events, outbox = await register_events(runtime), await published(runtime)
    assert (events["allocation.ProductDefined"], events["allocation.TariffAgreed"]) == (8, 13)
    assert (events["allocation.MunicipalBudgetSet"], events["allocation.BudgetCeilingSet"]) == (33, 3)
    assert (outbox["allocation.ContractPublished"], outbox["allocation.TariffPublished"]) == (9, 13)
    assert (outbox["allocation.ProductPublished"], outbox["allocation.BudgetPublished"]) == (8, 33)


async def test_a_section_again_with_nothing_new_for_the_register_decides_nothing(demo, tmp_path):
    runtime, _ = demo
    before = await register_events(runtime)
    renamed = tmp_path / "renamed.toml"
    renamed.write_text(region_file(tmp_path).read_text().replace("Ambulante jeugdhulp individueel", "Ambulant"))
    report = await load_region(runtime.container("gateway").context, read_region(renamed))
    await settle(runtime)
    assert report.sections == ("products",) and await register_events(runtime) == before


async def test_changed_contract_terms_become_one_amendment(demo, tmp_path):
    runtime, _ = demo
    before = await register_events(runtime)
    changed = tmp_path / "changed.toml"
    changed.write_text(region_file(tmp_path).read_text().replace("payment_term_days = 14", "payment_term_days = 21"))
    await load_region(runtime.container("gateway").context, read_region(changed))
    await settle(runtime)
    assert await register_events(runtime) - before == Counter({"allocation.ContractTermsAmended": 1})
