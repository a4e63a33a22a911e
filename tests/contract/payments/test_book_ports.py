"""The contract of the payment book and ceiling ports: what a unit of work appended and projected
is the book and the ceiling the next one decides on, and work not committed leaves no trace."""

from __future__ import annotations

from datetime import UTC, date, datetime

from services.payments.domain.ceilings import ceiling_stream
from services.payments.domain import book as books
from services.payments.domain import ceilings
from services.payments.domain import events as ev
from tests.contract.payments.conftest import REGION, new_events

AT = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
BOOK = f"book-{REGION}"


def booked(line_id: str, amount: int) -> ev.ApprovedLineBooked:
    return ev.ApprovedLineBooked(line_id, "87654321", "0193", "C1", "D1", amount, date(2026, 2, 1), date(2026, 3, 1))


async def book_events(store, decided) -> None:  # type: ignore[no-untyped-def]
    async with store.unit_of_work() as work:
        version, _ = await work.ports.books.book()
        work.append(BOOK, version, new_events(decided, AT))
        await work.ports.projections.project(decided, AT)
        await work.commit()


async def test_the_book_is_every_event_appended_and_projected_in_order(store, queries):
    assert await queries.books.book() == (0, books.Book())
    first, second = [booked("L1", 1_000), booked("L2", 2_500)], [booked("L3", -1_000)]
    await book_events(store, first)
    await book_events(store, second)
    version, book = await queries.books.book()
    assert version == 3
    assert book == books.fold([*first, *second])
    assert sorted(book.items) == ["L1", "L2", "L3"]


async def test_a_book_not_committed_is_not_decided_on(store, queries):
    await book_events(store, [booked("L1", 1_000)])
    async with store.unit_of_work() as work:
        version, _ = await work.ports.books.book()
        work.append(BOOK, version, new_events([booked("L2", 2_000)], AT))
        await work.ports.projections.project([booked("L2", 2_000)], AT)
    version, book = await queries.books.book()
    assert (version, sorted(book.items)) == (1, ["L1"])


async def test_each_ceiling_is_its_own_stream(store, queries):
    set_2026 = ev.CeilingSet("C1", "87654321", 2026, 100_000, (80,))
    usage = ev.CeilingUsageRecorded("C1", 2026, "L1", "approved", 90_000)
    crossed = ev.CeilingThresholdCrossed("C1", "87654321", 2026, 80, 90_000, 100_000)
    async with store.unit_of_work() as work:
        work.append(ceiling_stream("C1", 2026), 0, new_events([set_2026, usage, crossed], AT))
        await work.ports.projections.project([set_2026, usage, crossed], AT)
        await work.commit()
    assert await queries.books.ceiling("C1", 2026) == (3, ceilings.fold([set_2026, usage, crossed]))
    assert await queries.books.ceiling("C1", 2027) == (0, ceilings.Ceiling())
    assert await queries.books.book() == (0, books.Book())


async def test_a_book_read_back_in_the_work_that_wrote_it_is_not_kept_once_that_work_rolls_back(store):
    await book_events(store, [booked("L1", 1_000)])
    async with store.unit_of_work() as work:
        version, _ = await work.ports.books.book()
        work.append(BOOK, version, new_events([booked("L2", 2_000)], AT))
        await work.flush()  # written inside the transaction, so a read in it sees L2
        await work.ports.projections.project([booked("L2", 2_000)], AT)
        assert (await work.ports.books.book())[0] == 2
    async with store.unit_of_work() as work:
        version, book = await work.ports.books.book()
    assert (version, sorted(book.items)) == (1, ["L1"])


async def committed_work(store, stream: str, read, decided) -> None:  # type: ignore[no-untyped-def]
    """A unit of work as the consumer runs it: read, append, project, commit, then told so."""
    async with store.unit_of_work() as work:
        version, _ = await read(work.ports.books)
        work.append(stream, version, new_events(decided, AT))
        await work.ports.projections.project(decided, AT)
        await work.commit()
        work.ports.books.committed()


async def test_what_a_committed_work_appended_is_the_book_and_ceiling_the_next_decides_on(store, queries):
    first, second = [booked("L1", 1_000), booked("L2", 2_500)], [booked("L3", -1_000)]
    set_2026 = ev.CeilingSet("C1", "87654321", 2026, 100_000, (80,))
    usage = ev.CeilingUsageRecorded("C1", 2026, "L1", "approved", 90_000)
    await committed_work(store, BOOK, lambda books_: books_.book(), first)
    await committed_work(store, BOOK, lambda books_: books_.book(), second)
    await committed_work(store, ceiling_stream("C1", 2026), lambda books_: books_.ceiling("C1", 2026), [set_2026])
    await committed_work(store, ceiling_stream("C1", 2026), lambda books_: books_.ceiling("C1", 2026), [usage])
    async with store.unit_of_work() as work:
        assert await work.ports.books.book() == (3, books.fold([*first, *second]))
        assert await work.ports.books.ceiling("C1", 2026) == (2, ceilings.fold([set_2026, usage]))
    assert await queries.books.book() == (3, books.fold([*first, *second]))


async def test_a_work_appending_twice_decides_the_second_time_on_its_own_first_append(store, queries):
    async with store.unit_of_work() as work:
        for line_id in ("L1", "L2"):
            version, _ = await work.ports.books.book()
            work.append(BOOK, version, new_events([booked(line_id, 1_000)], AT))
            await work.ports.projections.project([booked(line_id, 1_000)], AT)
        await work.commit()
        work.ports.books.committed()
    async with store.unit_of_work() as work:
        version, book = await work.ports.books.book()
    assert (version, sorted(book.items)) == (2, ["L1", "L2"])


async def test_a_ceiling_appended_without_being_read_is_read_from_its_stream_after_commit(store, queries):
    set_2026 = ev.CeilingSet("C1", "87654321", 2026, 100_000, (80,))
    usage = ev.CeilingUsageRecorded("C1", 2026, "L1", "approved", 90_000)
    await committed_work(store, ceiling_stream("C1", 2026), lambda books_: books_.ceiling("C1", 2026), [set_2026])
    async with store.unit_of_work() as work:
        work.append(ceiling_stream("C1", 2026), 1, new_events([usage], AT))
        await work.ports.projections.project([usage], AT)
        await work.commit()
        work.ports.books.committed()
    async with store.unit_of_work() as work:
        assert await work.ports.books.ceiling("C1", 2026) == (2, ceilings.fold([set_2026, usage]))
