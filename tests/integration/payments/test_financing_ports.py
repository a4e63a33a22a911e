"""The financing ports (services/payments/ports.py) behave alike in memory, on SQLite and on
PostgreSQL: starts and stops of care, and the payment book as of a moment."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest

from services.payments.adapters.financing_memory import MemoryFinancing
from services.payments.adapters.memory.spells import MemoryCareSpellRecords, MemoryCareSpells
from services.payments.adapters.memory.state import PaymentsState
from services.payments.domain.events import LumpSumScheduled
from services.payments.domain.monitoring import CareSpell
from services.payments.handlers.financing import schedule_lump_sums
from shared.audit import AuditEntry
from shared.clock import AMSTERDAM
from tests.integration.payments.conftest import ROOT
from tests.support.regions import region_app, region_app_on_postgres

SPELL = CareSpell("0193", 7, "999900006", "98000006", "43A01", date(2026, 1, 5))
JANUARY = "lumpsum:linde-beschikbaarheid-2026:2026-01-01"


@dataclass
class Ports:
    financing: Any
    store: Any
    """The service's store, whose units of work bind the care spells' records (None: `records`)."""
    book_january: Callable[[], Awaitable[None]]
    records: Any = None

    async def tx(self, change: Callable[[Any], Awaitable[None]]) -> None:
        if self.store is None:
            await change(self.records)
            return
        async with self.store.unit_of_work() as work:
            await change(work.ports.spells)
            await work.commit()


@pytest.fixture(params=["memory", "sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
async def ports(request: pytest.FixtureRequest, tmp_path) -> AsyncIterator[Ports]:  # type: ignore[no-untyped-def]
    if request.param == "memory":
        state = PaymentsState()
        memory = MemoryFinancing(MemoryCareSpells(state))

        async def record() -> None:
            memory.history.record(datetime.now(UTC), [LumpSumScheduled(
                JANUARY, "linde-beschikbaarheid-2026", "98000006", "98000006", "regio", date(2026, 1, 1),
                date(2026, 1, 31), 4500000, date(2026, 1, 1), {"0193": 4500000})])

        yield Ports(memory, None, record, MemoryCareSpellRecords(state))
        return
    region = ROOT / "examples/regions/ijsselland.toml"
    started = (region_app(tmp_path, region) if request.param == "sqlite" else
               region_app_on_postgres(tmp_path, region, request.getfixturevalue("postgres_cluster"), "payments"))
    async with started as (runtime, _):
        ctx = runtime.container("payments").context

        async def book() -> None:
            await schedule_lump_sums(ctx, date(2026, 1, 1), "financien", frozenset({"finance"}),
                                     AuditEntry("financien", ("finance",), "payments.lump_sums.schedule"))

        yield Ports(ctx.financing, ctx.store, book)


async def test_a_start_its_stop_and_a_withdrawn_start(ports: Ports):
    spells = ports.financing.spells
    await ports.tx(lambda records: records.started(SPELL))
    await ports.tx(lambda records: records.started(SPELL))  # the same start again changes nothing
    await ports.tx(lambda records: records.stopped("0193", 7, date(2026, 1, 5), date(2026, 3, 1), "01"))
    assert await spells.of_provider("98000006", ["0193"]) == [
        CareSpell("0193", 7, "999900006", "98000006", "43A01", date(2026, 1, 5), date(2026, 3, 1), "01")]
    assert await spells.of_provider("98000006", ["0150"]) == []
    await ports.tx(lambda records: records.start_withdrawn("0193", 7, date(2026, 1, 5)))
    assert await spells.of_provider("98000006", ["0193"]) == []


async def test_the_book_as_of_a_moment_holds_only_what_was_recorded_by_then(ports: Ports):
    before = datetime.now(UTC) - timedelta(seconds=1)
    await ports.book_january()
    after = datetime.now(UTC) + timedelta(seconds=1)
    assert JANUARY not in (await ports.financing.history.as_of(before)).items
    assert JANUARY in (await ports.financing.history.as_of(after)).items


async def test_a_moment_in_dutch_time_is_the_same_instant_as_in_utc(ports: Ports):
    """The book as of the end of a Dutch day (the workbench's peildatum) is asked with an Amsterdam
    time, an hour or two ahead of the UTC the events are recorded in."""
    before = (datetime.now(UTC) - timedelta(seconds=1)).astimezone(AMSTERDAM)
    await ports.book_january()
    assert JANUARY not in (await ports.financing.history.as_of(before)).items
    assert JANUARY in (await ports.financing.history.as_of(datetime.now(AMSTERDAM) + timedelta(seconds=1))).items
