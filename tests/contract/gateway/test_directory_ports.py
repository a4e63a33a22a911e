"""The contract of the parties, staff, sessions, region and audit ports, on every adapter."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta

from services.gateway.domain.audit_chain import entry_of
from services.gateway.ports import AuditFilter, Party, SessionStart, StaffUser
from shared.auth.principal import PartyKind, Role
from tests.support.port_stores import write

T0 = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)


async def test_a_party_is_found_by_its_token_and_registered_again_in_place(store, queries):
    hub = Party("98009999", PartyKind.HUB, "Zorgportaal", ("98000005",))
    await write(store, lambda p: p.parties.register([hub, Party("0193", PartyKind.MUNICIPALITY, "Zwolle")]))
    await write(store, lambda p: p.parties.add_tokens([("h-1", "98009999")]))
    await write(store, lambda p: p.parties.register([Party("0193", PartyKind.MUNICIPALITY, "Gemeente Zwolle")]))
    principal = await queries.parties.by_token("h-1")
    assert (principal.code, principal.kind, principal.on_behalf_of) == ("98009999", PartyKind.HUB,
                                                                        frozenset({"98000005"}))
    assert await queries.parties.by_token("h-2") is None
    assert (await queries.parties.get("0193")).name == "Gemeente Zwolle"
    assert await queries.parties.municipalities() == frozenset({"0193"})
    assert await queries.parties.known_tokens(["h-1", "h-2"]) == {"h-1"}


async def test_the_directory_names_the_callers_municipalities_and_every_provider(store, queries):
    await write(store, lambda p: p.parties.register([
        Party("0193", PartyKind.MUNICIPALITY, "Zwolle"), Party("0150", PartyKind.MUNICIPALITY, "Deventer"),
        Party("98000002", PartyKind.PROVIDER, "B"), Party("98000001", PartyKind.PROVIDER, "A"),
        Party("98009999", PartyKind.HUB, "Hub")]))
    shown = await queries.parties.directory(frozenset({"0193"}))
    assert [(p.kind, p.code) for p in shown] == [(PartyKind.MUNICIPALITY, "0193"), (PartyKind.PROVIDER, "98000001"),
                                                 (PartyKind.PROVIDER, "98000002")]


async def test_a_staff_user_has_roles_tokens_and_a_password_kept_apart(store, queries):
    await write(store, lambda p: p.staff.register([StaffUser("fin", ("finance",), ("0193",))]))
    await write(store, lambda p: p.staff.add_tokens([("t-1", "fin")]))
    await write(store, lambda p: p.staff.set_password("fin", "scrypt$1"))
    await write(store, lambda p: p.staff.register([StaffUser("fin", ("admin", "finance"), ("0193",))]))
    assert await queries.staff.user("fin") == StaffUser("fin", ("admin", "finance"), ("0193",), "scrypt$1")
    assert (await queries.staff.by_token("t-1")).roles == frozenset({Role.ADMIN, Role.FINANCE})
    assert await queries.staff.token_hashes("fin") == ["t-1"] and await queries.staff.usernames() == {"fin"}


async def test_removing_a_user_takes_its_tokens_and_ends_its_sessions_but_keeps_them_known(store, queries):
    await write(store, lambda p: p.staff.register([StaffUser("fin", ("finance",), ("0193",))]))
    await write(store, lambda p: p.staff.add_tokens([("t-1", "fin")]))
    await write(store, lambda p: p.sessions.start([SessionStart("s-1", "fin", T0, T0 + timedelta(hours=10), 1800)]))
    assert await queries.sessions.open_of("fin", T0) == ["s-1"]
    await write(store, lambda p: p.staff.remove("fin", T0 + timedelta(hours=1)))
    await write(store, lambda p: p.staff.forget_password("fin"))
    assert await queries.staff.user("fin") is None and await queries.staff.by_token("t-1") is None
    assert await queries.sessions.open_of("fin", T0) == []


async def test_a_session_ends_once_and_its_record_says_when(store, queries):
    await write(store, lambda p: p.staff.register([StaffUser("fin", ("finance",), ("0193",))]))
    await write(store, lambda p: p.sessions.start([SessionStart("s-1", "fin", T0, T0 + timedelta(hours=10), 1800)]))
    principal, record = await queries.staff.with_session("fin", "s-1")
    assert (principal.username, record.ended_at, record.idle_seconds) == ("fin", None, 1800)
    await write(store, lambda p: p.sessions.end("s-1", T0 + timedelta(minutes=5)))
    await write(store, lambda p: p.sessions.end("s-1", T0 + timedelta(minutes=9)))
    assert (await queries.staff.with_session("fin", "s-1"))[1].ended_at == T0 + timedelta(minutes=5)
    assert (await queries.staff.with_session("fin", "s-2"))[1] is None
    assert await queries.staff.with_session("nobody", "s-1") is None
    assert await queries.sessions.open_of("fin", T0 + timedelta(hours=11)) == []


async def test_a_region_section_keeps_the_digest_last_published(store, queries):
    await write(store, lambda p: p.region.changed("products", "a" * 64))
    await write(store, lambda p: p.region.changed("products", "b" * 64))
    assert (await queries.region.digest("products"), await queries.region.digest("policy")) == ("b" * 64, None)


def entry(n: int, user: str = "fin", at: datetime = T0, client: str | None = None) -> dict[str, object]:
    return entry_of(uuid.UUID(int=n), {"at": at.isoformat(), "user": user, "roles": ["finance"],
                                       "action": "queue.read", "object": f"line {n}", "client": client,
                                       "outcome": "allowed", "service": "invoicing"})


async def test_the_audit_log_chains_its_entries_and_pages_them_newest_first(store, queries):
    for n in range(1, 6):
        await write(store, lambda p, n=n: p.audit.append(entry(n, "fin" if n % 2 else "ctl")))
    first = await queries.audit.page(AuditFilter(username="fin"), 2, None)
    assert [(r.seq, r.object) for r in first] == [(5, "line 5"), (3, "line 3")]
    assert [r.seq for r in await queries.audit.page(AuditFilter(username="fin"), 2, first[-1].seq)] == [1]
    assert await queries.audit.count(AuditFilter(username="ctl")) == 2
    assert [[r.seq for r in rows] async for rows in queries.audit.matching(AuditFilter(), batch=2)] == [
        [1, 2], [3, 4], [5]]
    verified = await queries.audit.verify()
    assert (verified.valid, verified.entries) == (True, 5)
    one = (await queries.audit.page(AuditFilter(), 1, None))[0]
    assert one.prev_hash == (await queries.audit.page(AuditFilter(), 1, 5))[0].hash


async def test_the_audit_log_filters_by_client_and_by_days_in_dutch_time(store, queries):
    late = datetime(2026, 11, 2, 23, 30, tzinfo=UTC)  # 3 November in Amsterdam
    await write(store, lambda p: p.audit.append(entry(1, client="a" * 64)))
    await write(store, lambda p: p.audit.append(entry(2, at=late)))
    assert [r.seq for r in await queries.audit.page(AuditFilter(client="a" * 64), 10, None)] == [1]
    november_3 = AuditFilter(since=date(2026, 11, 3), until=date(2026, 11, 3))
    assert [r.seq for r in await queries.audit.page(november_3, 10, None)] == [2]
    assert [r.at for r in await queries.audit.page(AuditFilter(until=date(2026, 11, 2)), 10, None)] == [T0]
