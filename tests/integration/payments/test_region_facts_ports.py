"""The outcome facts port (services/payments/ports.py, RegionFacts) behaves alike in memory, on
SQLite and on PostgreSQL: clients by pseudonym, allocations and stops kept as trajectories of a
period, later versions replacing earlier ones, and the providers' scores. (Its declared lines and
the region file's sections come from other projections; the reports' API tests cover them.)"""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.ext.asyncio import create_async_engine

from services.payments.adapters import tables
from services.payments.adapters.memory_region import MemoryRegionFacts
from services.payments.adapters.sql_region import SqlRegionFacts
from services.payments.domain.outcome_periods import parse_period
from services.payments.domain.outcome_scores import Score
from services.payments.ports import AllocationFact, StopFact

YEAR, FIRST_QUARTER = parse_period("2026"), parse_period("2026-K1")


@pytest.fixture(params=["memory", "sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
async def facts(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[Any]:
    if request.param == "memory":
        yield MemoryRegionFacts()
        return
    url = (f"sqlite+aiosqlite:///{tmp_path / 'payments.db'}" if request.param == "sqlite"
           else request.getfixturevalue("postgres_url"))
    engine = create_async_engine(url)
    try:
        async with engine.begin() as conn:
            # The service's tables as its models declare them: the migrations' drift check
            # (tests/integration/test_migrations.py) keeps the two alike, and this takes a tenth
            # of the time of running every migration per test.
            await conn.run_sync(tables.metadata.create_all)
            yield SqlRegionFacts(conn)
    finally:
        await engine.dispose()


async def allocated(facts: Any, number: int, bsn: str, start: date, municipality: str = "0193",
                    deleted: bool = False) -> str:
    client = await facts.pseudonym(bsn)
    await facts.record_allocation(AllocationFact(municipality, number, client, "98000001", "45A01", start, deleted))
    return client


def stopped(number: int, end: date | None, reason: str | None = "31", municipality: str = "0193",
            code: str | None = "45A01") -> StopFact:
    return StopFact(municipality, number, code, date(2026, 1, 5), "98000001", end, reason)


async def test_a_client_has_one_pseudonym_which_never_shows_the_bsn(facts):
    first, again, other = [await facts.pseudonym(b) for b in ("999900006", "999900006", "999900018")]
    assert first == again != other
    assert first.startswith("P") and len(first) == 17 and "999900006" not in first


async def test_a_stop_is_a_trajectory_of_the_period_its_end_lies_in(facts):
    client = await allocated(facts, 1, "999900006", date(2026, 1, 5))
    await allocated(facts, 2, "999900018", date(2026, 1, 5), municipality="0150")
    await facts.record_stop(stopped(1, date(2026, 3, 31), "32"))
    await facts.record_stop(stopped(2, date(2026, 2, 1), municipality="0150"))
    (found,) = await facts.trajectories(["0193"], YEAR)
    assert (found.allocation_number, found.client, found.code, found.begin, found.end, found.reason) == (
        1, client, "45A01", date(2026, 1, 5), date(2026, 3, 31), "32")
    assert await facts.trajectories(["0193"], parse_period("2026-K2")) == []
    assert {t.municipality for t in await facts.trajectories(["0193", "0150"], FIRST_QUARTER)} == {"0193", "0150"}


async def test_a_withdrawn_stop_and_a_deleted_allocation_leave_no_trajectory(facts):
    await allocated(facts, 1, "999900006", date(2026, 1, 5))
    await allocated(facts, 2, "999900018", date(2026, 1, 5))
    await facts.record_stop(stopped(1, date(2026, 3, 31)))
    await facts.record_stop(stopped(2, date(2026, 3, 31)))
    await facts.record_stop(stopped(1, None, None))  # withdrawn (StatusAanlevering 3)
    await allocated(facts, 2, "999900018", date(2026, 1, 5), deleted=True)  # its later version: deleted
    assert await facts.trajectories(["0193"], YEAR) == []


async def test_a_stop_without_a_product_code_keeps_none(facts):
    await allocated(facts, 1, "999900006", date(2026, 1, 5))
    await facts.record_stop(stopped(1, date(2026, 3, 31), code=None))
    assert [t.code for t in await facts.trajectories(["0193"], YEAR)] == [None]


async def test_later_allocations_of_the_clients_asked_for_are_found(facts):
    client = await allocated(facts, 1, "999900006", date(2026, 1, 5))
    await allocated(facts, 2, "999900006", date(2026, 5, 1))
    await allocated(facts, 3, "999900018", date(2026, 5, 1))
    await allocated(facts, 4, "999900006", date(2026, 6, 1), deleted=True)
    found = await facts.starts_after({client}, date(2026, 3, 31))
    assert [(s.client, s.allocation_number, s.start) for s in found] == [(client, 2, date(2026, 5, 1))]

