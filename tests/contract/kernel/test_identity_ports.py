"""The contract of the staff identities every service projects from the gateway's identity events,
on every adapter, read back as staff authentication reads them (a Directory)."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

from shared.auth.directory import Directory, StaffDirectory
from shared.auth.identity import (SessionEnded, SessionStarted, StaffIdentified, StaffIdentities, StaffRemoved,
                                  project_identity, stream_of)
from shared.auth.identity_memory import MemoryStaffIdentities
from shared.auth.principal import Role
from shared.auth.sessions import SessionRecord
from shared.events.envelope import Envelope, NewEvent
from shared.events.serializer import to_payload
from shared.persistence.memory_work import MemoryStore
from shared.persistence.ports import Store
from tests.contract.kernel.conftest import kernel

T0 = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)
FIN = StaffIdentified("fin", ["finance"], ["0193"], ["t-1", "t-2"])


def directory(store: Store[StaffIdentities]) -> Directory:
    if isinstance(store, MemoryStore):
        return MemoryStaffIdentities(store.state)
    return StaffDirectory(store.db.engines.read, kernel.staff, kernel.staff_tokens,  # type: ignore[attr-defined]
                          kernel.staff_sessions)


async def project(store: Store[StaffIdentities], event: object, at: datetime = T0) -> None:
    """One identity event through the projector every service's identity consumer runs."""
    new = NewEvent(event.TYPE, event.VERSION, to_payload(event), at, uuid.uuid4())  # type: ignore[attr-defined]
    async with store.unit_of_work() as work:
        await project_identity(work, Envelope.of(stream_of("fin"), 1, new))
        await work.commit()


def started(session_hash: str) -> SessionStarted:
    return SessionStarted(session_hash, "fin", (T0 + timedelta(hours=10)).isoformat(), 1800)


async def test_an_identity_replaces_what_was_known_of_the_user_tokens_included(identities):
    await project(identities, FIN)
    await project(identities, StaffIdentified("fin", ["admin", "finance"], ["0193", "0150"], ["t-3"]))
    found = directory(identities)
    assert await found.by_token("t-1") is None and await found.by_token("t-2") is None
    principal = await found.by_token("t-3")
    assert principal is not None and principal.username == "fin"
    assert principal.roles == frozenset({Role.ADMIN, Role.FINANCE})
    assert principal.municipalities == frozenset({"0193", "0150"})


async def test_a_session_is_known_with_its_times_until_it_ends_and_the_first_end_counts(identities):
    await project(identities, FIN)
    await project(identities, started("s-1"))
    found = directory(identities)
    assert await found.with_session("fin", "s-1") is not None
    _, record = await found.with_session("fin", "s-1")
    assert record == SessionRecord(T0, T0 + timedelta(hours=10), 1800, None)
    await project(identities, SessionEnded("s-1", "fin", "signed out"), T0 + timedelta(minutes=5))
    await project(identities, SessionEnded("s-1", "fin", "signed out"), T0 + timedelta(minutes=9))
    _, record = await found.with_session("fin", "s-1")
    assert record is not None and record.ended_at == T0 + timedelta(minutes=5)
    principal, unknown = await found.with_session("fin", "s-2")
    assert principal.username == "fin" and unknown is None


async def test_removing_a_user_forgets_them_and_ends_their_sessions(identities):
    await project(identities, FIN)
    await project(identities, started("s-1"))
    await project(identities, StaffRemoved("fin"), T0 + timedelta(hours=1))
    found = directory(identities)
    assert await found.by_token("t-1") is None and await found.with_session("fin", "s-1") is None
    await project(identities, FIN, T0 + timedelta(hours=2))
    _, record = await found.with_session("fin", "s-1")
    assert record is not None and record.ended_at == T0 + timedelta(hours=1)


async def test_what_is_not_committed_is_not_projected(identities):
    async with identities.unit_of_work() as work:
        await work.ports.identify(FIN)
    assert await directory(identities).by_token("t-1") is None
