"""The contract of what the admins' screens and the region file's loads read and write: revoked
tokens, the staff listing with its counts, open sessions' spans, everyone with their tokens, and
the loads of region files — on every adapter."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from services.gateway.ports import Party, RegionLoad, SessionStart, StaffListing, StaffUser
from shared.auth.principal import PartyKind
from tests.support.port_stores import write

T0 = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)


async def test_a_revoked_token_no_longer_finds_its_party_or_user(store, queries):
    await write(store, lambda p: p.parties.register([Party("98000001", PartyKind.PROVIDER, "A")]))
    await write(store, lambda p: p.parties.add_tokens([("p-1", "98000001"), ("p-2", "98000001")]))
    await write(store, lambda p: p.staff.register([StaffUser("fin", ("finance",), ("0193",), name="Fien")]))
    await write(store, lambda p: p.staff.add_tokens([("s-1", "fin"), ("s-2", "fin")]))
    await write(store, lambda p: p.parties.revoke_tokens(["p-1"]))
    await write(store, lambda p: p.staff.revoke_tokens(["s-2"]))
    assert await queries.parties.by_token("p-1") is None and (await queries.parties.by_token("p-2")).code == "98000001"
    assert await queries.staff.by_token("s-2") is None and await queries.staff.by_token("s-1") is not None
    assert await queries.parties.tokens() == {"98000001": frozenset({"p-2"})}
    assert await queries.parties.token_hashes("98000001") == ["p-2"]
    assert await queries.staff.tokens() == {"fin": frozenset({"s-1"})}
    assert [u.name for u in await queries.staff.everyone()] == ["Fien"]
    assert [p.code for p in await queries.parties.everyone()] == ["98000001"]


async def test_the_listing_counts_tokens_and_open_sessions_and_names_the_last_sign_in(store, queries):
    await write(store, lambda p: p.staff.register([StaffUser("fin", ("finance", "admin"), ("0193",), name="Fien"),
                                                   StaffUser("acc", ("access",), ("0150",))]))
    await write(store, lambda p: p.staff.add_tokens([("s-1", "fin")]))
    hours = timedelta(hours=1)
    await write(store, lambda p: p.sessions.start([SessionStart("a", "fin", T0, T0 + 10 * hours, 1800),
                                                   SessionStart("b", "fin", T0 + hours, T0 + 11 * hours, 1800),
                                                   SessionStart("c", "fin", T0 - 20 * hours, T0 - 10 * hours, 1800)]))
    await write(store, lambda p: p.sessions.end("a", T0 + 2 * hours))
    now = T0 + 3 * hours
    assert await queries.staff.listing(now) == [
        StaffListing("acc", None, ("access",), ("0150",), 0, 0, None),
        StaffListing("fin", "Fien", ("admin", "finance"), ("0193",), 1, 1, T0 + hours)]
    assert [u.username for u in await queries.staff.listing(now, "acc")] == ["acc"]
    assert await queries.sessions.spans("fin", now) == [(T0 + hours, T0 + 11 * hours)]
    await write(store, lambda p: p.staff.set_password("fin", "scrypt$1"))
    assert await queries.staff.password_hashes(["fin", "acc"]) == {"fin": "scrypt$1"}


async def test_region_loads_come_newest_first(store, queries):
    loads = [RegionLoad(position, f"{position:064x}", "Regio", 100 + position, "beheer" if position % 2 else None,
                        T0 + timedelta(minutes=position), [{"kind": "staff", "key": "fin", "action": "added"}])
             for position in (3, 9, 5)]
    await write(store, lambda p: p.loads.add(loads))
    latest = await queries.loads.latest(2)
    assert [r.position for r in latest] == [9, 5] and latest[0] == loads[1]
