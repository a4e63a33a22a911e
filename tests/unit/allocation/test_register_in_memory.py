"""The register's two doors on the in-memory adapters (bootstrap.build_in_memory): the region
file's sections through the consumer, an admin's change through the command handler."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from services.allocation.bootstrap import build_in_memory
from services.allocation.config import AllocationSettings
from services.allocation.domain import register_decisions as rd
from services.allocation.domain.errors import NotFound, RuleViolation
from services.allocation.handlers import register_admin
from services.allocation.handlers.audit import Actor
from services.allocation.handlers.region import region_consumer
from shared.auth.principal import Role, StaffPrincipal
from shared.clock import FixedClock
from shared.events.envelope import Envelope, NewEvent
from shared.exchange import allocation as published
from shared.exchange.audit import AUDIT_TOPIC
from shared.exchange.contract import SectionPublished

T0 = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)
PROVIDER = "98000001"
PRODUCTS = [{"category": "45", "code": "45A01", "unit": "04", "variant": "inspanning", "name": "Ambulant",
             "budget_line": "ambulant"}]
CONTRACTS = [{"id": "C-1", "provider": PROVIDER, "payment_term_days": 30, "municipalities": ["0193"],
              "tariffs": [{"product": "45A01", "from": "2026-01-01", "cents": 7850},
                          {"product": "99X99", "from": "2026-01-01", "cents": 100}]}]
ADMIN = Actor(StaffPrincipal("u-1", "beheer", frozenset({Role.ADMIN}), frozenset({"0193"})))


@pytest.fixture
def memory_allocations():  # type: ignore[no-untyped-def]
    return build_in_memory(AllocationSettings(), FixedClock(T0))


async def section(ctx, store, name: str, content: object) -> None:  # type: ignore[no-untyped-def]
    event = NewEvent.of(SectionPublished(name, f"sha-{name}-{len(str(content))}", content), T0)
    async with store.unit_of_work() as work:
        await region_consumer(ctx)(work, Envelope.of(f"section-{name}", 1, event))
        await work.commit()


async def outbox(store, topic: str | None = None) -> list[Envelope]:  # type: ignore[no-untyped-def]
    rows = await store.db.pending_outbox(1000)
    return [Envelope.from_json(row.value) for row in rows if topic is None or row.topic == topic]


async def test_the_region_files_sections_become_the_register_skipping_what_it_refuses(memory_allocations):
    ctx, store = memory_allocations
    await section(ctx, store, "contracts", CONTRACTS)
    assert await store.db.read_all() == []  # contracts name products: they wait for them
    await section(ctx, store, "products", PRODUCTS)
    known = await register_admin.current(ctx)
    assert [(t.code, t.amount) for t in known.contracts["C-1"].tariffs] == [("45A01", 7850)]
    assert [e.type for e in await outbox(store)] == [
        published.PRODUCT_PUBLISHED, published.BUDGET_LINE_PUBLISHED, published.CONTRACT_PUBLISHED,
        published.TARIFF_PUBLISHED]
    assert await ctx.queries.region.product_names() == {"45A01": "Ambulant"}
    await section(ctx, store, "products", PRODUCTS + [])  # the same content again: applied already
    assert len(await store.db.read_all()) == 4


async def test_an_admins_refused_change_records_nothing_and_a_repeated_one_only_its_audit(memory_allocations):
    ctx, store = memory_allocations
    await section(ctx, store, "products", PRODUCTS)
    before = len(await store.db.read_all())
    with pytest.raises(NotFound):
        await register_admin.change(ctx, rd.AgreeTariff("C-404", "45", "45A01", date(2026, 1, 1), 100), ADMIN)
    with pytest.raises(RuleViolation):
        await register_admin.change(ctx, rd.ConcludeContract("C-2", "123", 30, frozenset()), ADMIN)
    assert len(await store.db.read_all()) == before and await outbox(store, AUDIT_TOPIC) == []
    concluded = rd.ConcludeContract("C-2", PROVIDER, 30, frozenset({"0193"}))
    first = await register_admin.change(ctx, concluded, ADMIN)
    again = await register_admin.change(ctx, concluded, ADMIN)
    assert (first.changed, again.changed, len(await store.db.read_all())) == (True, False, before + 1)
    assert [e.payload["action"] for e in await outbox(store, AUDIT_TOPIC)] == ["register.conclude_contract"] * 2
