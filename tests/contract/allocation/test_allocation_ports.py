"""The contract of the allocations and clients ports, on every adapter."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, time

from services.allocation.domain.allocation import AllocationVersion
from services.allocation.domain.values import REASON_DELETED, Extent, Product
from services.allocation.ports import FIRST_NUMBER, AllocationFilter, ClientQuery
from tests.support.port_stores import write

ZWOLLE, DEVENTER, PROVIDER, CLIENT = "0193", "0150", "12345678", "999900006"
TODAY = date(2026, 6, 1)


def version(number: int = 300201, **changes: object) -> AllocationVersion:
    base = AllocationVersion(ZWOLLE, number, CLIENT, PROVIDER, Product("45", "45A03"), date(2026, 4, 1),
                             date(2026, 7, 14), Extent(2, "04", "2"), None, None, date(2026, 4, 1), time(12, 0, 0))
    return replace(base, **changes)


async def test_the_effective_version_is_the_latest_stamped_whatever_arrives_last(store, queries):
    later = version(end=date(2026, 9, 30), change_reason="04", allocated_at=time(13, 0, 0))
    await write(store, lambda p: p.allocations.put_version(later))
    await write(store, lambda p: p.allocations.put_version(version()))
    assert await queries.allocations.effective(ZWOLLE, 300201) == later
    row = await queries.allocations.row(ZWOLLE, 300201)
    assert (row.version, row.receipt, row.receipt_codes) == (later, "pending", ())
    assert await queries.allocations.effective(DEVENTER, 300201) is None


async def test_a_receipt_is_kept_beside_a_later_version(store, queries):
    await write(store, lambda p: p.allocations.put_version(version()))
    await write(store, lambda p: p.allocations.record_receipt(ZWOLLE, 300201, "rejected", ["8001"]))
    await write(store, lambda p: p.allocations.put_version(version(allocated_at=time(14, 0, 0))))
    row = await queries.allocations.row(ZWOLLE, 300201)
    assert (row.receipt, row.receipt_codes, row.version.allocated_at) == ("rejected", ("8001",), time(14, 0, 0))


async def test_numbers_follow_the_highest_of_the_municipality(store, queries):
    assert await queries.allocations.next_number(ZWOLLE) == FIRST_NUMBER
    await write(store, lambda p: p.allocations.put_version(version(300201)))
    await write(store, lambda p: p.allocations.put_version(version(300199)))
    assert (await queries.allocations.next_number(ZWOLLE), await queries.allocations.next_number(DEVENTER)) == (
        300202, FIRST_NUMBER)


async def test_a_clients_allocations_at_a_provider_span_municipalities(store, queries):
    for v in (version(1), replace(version(2), municipality=DEVENTER), version(3, provider_agb="87654321")):
        await write(store, lambda p, v=v: p.allocations.put_version(v))
    found = await queries.allocations.of_client_at(CLIENT, PROVIDER)
    assert sorted((v.municipality, v.number) for v in found) == [(DEVENTER, 2), (ZWOLLE, 1)]


async def test_a_search_filters_by_scope_status_period_and_product_in_number_order(store, queries):
    rows = [version(4), version(2, end=date(2026, 5, 1)), version(3, change_reason=REASON_DELETED),
            version(1, product=Product("45", "45A01"), start=date(2026, 8, 1), end=None),
            replace(version(5), municipality=DEVENTER)]
    for v in rows:
        await write(store, lambda p, v=v: p.allocations.put_version(v))
    search = queries.allocations.search
    zwolle = frozenset({ZWOLLE})
    assert [r.allocation_number for r in await search(AllocationFilter(zwolle), TODAY, 10)] == [1, 2, 3, 4]
    assert [r.allocation_number for r in await search(AllocationFilter(zwolle), TODAY, 2)] == [1, 2]
    by_status = {s: [r.allocation_number for r in await search(AllocationFilter(zwolle, status=s), TODAY, 10)]
                 for s in ("active", "ended", "deleted")}
    assert by_status == {"active": [1, 4], "ended": [2], "deleted": [3]}
    in_june = AllocationFilter(zwolle, period_start=date(2026, 6, 1), period_end=date(2026, 6, 30))
    assert [r.allocation_number for r in await search(in_june, TODAY, 10)] == [3, 4]
    assert [r.allocation_number for r in await search(AllocationFilter(zwolle, product_code="45A01"), TODAY, 10)] == [1]


async def test_clients_are_found_by_surname_start_birth_date_or_bsn_with_their_allocations(store, queries):
    jansen = {"surname": "Jansen", "birth_date": "2015-03-01", "gender": "1"}
    await write(store, lambda p: p.clients.put_details(ZWOLLE, CLIENT, {**jansen, "surname": "Janssen"}))
    await write(store, lambda p: p.clients.put_details(ZWOLLE, CLIENT, jansen))
    await write(store, lambda p: p.clients.put_details(ZWOLLE, "999900018", {**jansen, "surname": "Bakker"}))
    await write(store, lambda p: p.clients.put_details(DEVENTER, "999900031", jansen))
    for v in (version(1), version(2, change_reason=REASON_DELETED)):
        await write(store, lambda p, v=v: p.allocations.put_version(v))
    assert await queries.clients.details(ZWOLLE, CLIENT) == jansen
    assert await queries.clients.details(DEVENTER, CLIENT) is None
    found = await queries.clients.find(ClientQuery(frozenset({ZWOLLE}), surname="jan"), 10)
    assert [(c.client_bsn, c.details["surname"], c.allocations) for c in found] == [(CLIENT, "Jansen", 1)]
    born = await queries.clients.find(ClientQuery(frozenset({ZWOLLE, DEVENTER}), birth_date=date(2015, 3, 1)), 10)
    assert [(c.municipality, c.client_bsn) for c in born] == [(ZWOLLE, "999900018"), (ZWOLLE, CLIENT),
                                                              (DEVENTER, "999900031")]
    assert [c.details["surname"] for c in await queries.clients.find(
        ClientQuery(frozenset({ZWOLLE}), bsn="999900018"), 10)] == ["Bakker"]
