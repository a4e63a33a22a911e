"""The contract of the JW301 log, requests and region input ports, on every adapter."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from services.allocation.ports import RequestRow, SentJw301
from shared.persistence.ports import ConcurrencyError
from tests.support.port_stores import write

ZWOLLE, DEVENTER, PROVIDER, CLIENT = "0193", "0150", "12345678", "999900006"


def sent(identification: str, made_at: datetime, provider: str = PROVIDER) -> SentJw301:
    return SentJw301(identification, f"m-{identification}", ZWOLLE, CLIENT, provider, (300201, 300202), made_at)


def request(reference: str, due: date | None, status: str = "received", municipality: str = ZWOLLE,
            client: str = CLIENT) -> RequestRow:
    return RequestRow(PROVIDER, reference, municipality, client, "allocation", status, date(2026, 5, 1), due, None,
                      {"product": {"category": "45", "code": None}}, None)


async def test_a_jw301_is_found_by_its_identification_and_the_last_one_by_client_and_provider(store, queries):
    await write(store, lambda p: p.jw301s.add(sent("a1", datetime(2026, 5, 1, 9, 0))))
    await write(store, lambda p: p.jw301s.add(sent("a2", datetime(2026, 5, 2, 9, 0))))
    await write(store, lambda p: p.jw301s.add(sent("a3", datetime(2026, 5, 3, 9, 0), provider="87654321")))
    assert await queries.jw301s.by_identification("a1") == sent("a1", datetime(2026, 5, 1, 9, 0))
    assert await queries.jw301s.by_identification("zz") is None
    assert await queries.jw301s.last_made_at(ZWOLLE, CLIENT, PROVIDER) == datetime(2026, 5, 2, 9, 0)
    assert await queries.jw301s.last_made_at(DEVENTER, CLIENT, PROVIDER) is None


async def test_an_identification_used_twice_refuses_the_second_jw301(store, queries):
    await write(store, lambda p: p.jw301s.add(sent("a1", datetime(2026, 5, 1, 9, 0))))
    with pytest.raises(ConcurrencyError):
        await write(store, lambda p: p.jw301s.add(sent("a1", datetime(2026, 5, 2, 9, 0))))
    assert (await queries.jw301s.by_identification("a1")).made_at == datetime(2026, 5, 1, 9, 0)


async def test_the_work_list_holds_the_open_requests_of_the_callers_municipalities_most_urgent_first(store, queries):
    for row in (request("r3", date(2026, 5, 8)), request("r1", date(2026, 5, 6)), request("r2", date(2026, 5, 8)),
                request("r4", None, status="honoured"), request("r5", date(2026, 5, 4), municipality=DEVENTER)):
        await write(store, lambda p, row=row: p.requests.add(row))
    work_list = await queries.requests.work_list(frozenset({ZWOLLE}), open_only=True)
    assert [r.reference for r in work_list] == ["r1", "r2", "r3"]
    assert {r.reference for r in await queries.requests.work_list(frozenset({ZWOLLE}), open_only=False)} == {
        "r1", "r2", "r3", "r4"}
    assert await queries.requests.row(PROVIDER, "r1") == request("r1", date(2026, 5, 6))


async def test_an_answered_request_is_no_longer_open_for_its_client(store, queries):
    await write(store, lambda p: p.requests.add(request("r1", date(2026, 5, 6))))
    assert await queries.requests.open_for_client(PROVIDER, CLIENT)
    answer = {"status": "rejected", "allocation_numbers": [], "rejection_reason": "2"}
    await write(store, lambda p: p.requests.answer(PROVIDER, "r1", "rejected", None, answer))
    row = await queries.requests.row(PROVIDER, "r1")
    assert (row.status, row.due, row.answer) == ("rejected", None, answer)
    assert not await queries.requests.open_for_client(PROVIDER, CLIENT)


async def test_a_reference_used_twice_refuses_the_second_request(store, queries):
    await write(store, lambda p: p.requests.add(request("r1", date(2026, 5, 6))))
    with pytest.raises(ConcurrencyError):
        await write(store, lambda p: p.requests.add(request("r1", date(2026, 5, 9))))


async def test_a_section_is_pending_until_applied_and_again_when_it_changes(store, queries):
    await write(store, lambda p: p.region.store_section("budgets", "s1", {ZWOLLE: {}, DEVENTER: {}}))
    await write(store, lambda p: p.region.store_section("products", "p1", [
        {"code": "45A03", "name": "Ambulant"}, {"code": "45A01"}]))
    assert {(s.name, s.applied_sha256) for s in await queries.region.sections()} == {
        ("budgets", None), ("products", None)}
    await write(store, lambda p: p.region.mark_applied(["budgets", "products"]))
    await write(store, lambda p: p.region.store_section("budgets", "s2", {ZWOLLE: {}}))
    assert {(s.name, s.sha256, s.applied_sha256) for s in await queries.region.sections()} == {
        ("budgets", "s2", "s1"), ("products", "p1", "p1")}
    assert await queries.region.municipalities() == frozenset({ZWOLLE})
    assert await queries.region.product_names() == {"45A03": "Ambulant"}


async def test_approved_lines_add_up_per_allocation_and_a_credit_takes_one_back(store, queries):
    assert not await queries.region.has_approved_lines(ZWOLLE, 300201)
    await write(store, lambda p: p.region.add_approved_lines(ZWOLLE, {300201: 2, 300202: 1}))
    await write(store, lambda p: p.region.add_approved_lines(ZWOLLE, {300201: -2}))
    assert not await queries.region.has_approved_lines(ZWOLLE, 300201)
    assert await queries.region.has_approved_lines(ZWOLLE, 300202)
    assert not await queries.region.has_approved_lines(DEVENTER, 300202)
