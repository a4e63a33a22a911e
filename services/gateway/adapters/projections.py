"""Projections of the gateway's events into its read models: one function per event type.

The handlers call `project` with the envelopes they have just appended, in their own
transaction, and `rebuild` calls it with the envelopes it replays: one code path, so a read model
is a function of the events alone. Times come from the envelope (`occurred_at`), never a clock.
Envelopes arrive with their global position (`positioned`), which the listings page by.
A projector takes the envelopes of its type (one or two from a handler, up to a batch in a
rebuild) and writes them in one statement where it can: the statement, not the row, is what
costs (design.md: a rebuild replays ≥ 20,000 events/s).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable, Mapping, Sequence
from datetime import date, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection

from services.gateway.adapters.tables import (
    kernel, mailbox, message_references, parties, party_tokens, received_messages, region_loads, region_sections,
    staff_tokens, staff_users,
)
from services.gateway.domain import events as ev
from services.gateway.domain.messages import Status
from shared.auth.identity import end_sessions
from shared.events.envelope import Envelope
from shared.persistence.ports import UnitOfWork
from shared.persistence.rows import utc

Projector = Callable[[AsyncConnection, Sequence[Envelope]], Awaitable[None]]


async def project(conn: AsyncConnection, envelopes: Iterable[Envelope],
                  projectors: Mapping[str, Projector] | None = None) -> None:
    """Projects the envelopes grouped by type, each group in bulk and in stream order, the types
    in the order of the table. That gives the rows one-at-a-time replay gives because a projector
    writes only the rows its own events name and reads nothing else, and the table puts creation
    before change (a message before its status, a delivery before its acknowledgement). A removal
    does not commute with a later creation of the same rows (a user removed and registered again),
    so the envelopes are projected in runs that each end at a removal. A gateway event without a
    projector is a mistake, so it raises rather than passing by."""
    table = PROJECTORS if projectors is None else projectors
    run: list[Envelope] = []
    for envelope in envelopes:
        if envelope.type not in table:
            raise KeyError(f"no projector for {envelope.type}")
        run.append(envelope)
        if envelope.type in REMOVALS:
            await _project_run(conn, run, table)
            run = []
    await _project_run(conn, run, table)


async def _project_run(conn: AsyncConnection, envelopes: Sequence[Envelope], table: Mapping[str, Projector]) -> None:
    by_type: dict[str, list[Envelope]] = {}
    for envelope in envelopes:
        by_type.setdefault(envelope.type, []).append(envelope)
    for event_type, projector in table.items():
        if event_type in by_type:
            await projector(conn, by_type[event_type])


async def _messages_received(conn: AsyncConnection, events: Sequence[Envelope]) -> None:
    """Fields added to MessageReceived since its first version default to what the first
    version meant: no identification known, a conversation of its own, no violations."""
    await conn.execute(sa.insert(received_messages), [{
        "message_id": e.payload["message_id"], "submitter": e.payload["submitter"], "sender": e.payload["sender"],
        "receiver": e.payload["receiver"], "message_code": e.payload["message_code"], "sha256": e.payload["sha256"],
        "size": e.payload["size"], "received_at": e.occurred_at, "status": Status.RECEIVED.value,
        "position": e.position, "identification": e.payload.get("identification"),
        "dated": _day(e.payload.get("dated")), "answers": e.payload.get("answers"),
        "conversation_id": e.payload.get("conversation_id") or e.payload["message_id"],
        "violations": e.payload.get("violations")} for e in events])
    references = [{"sender": e.payload["sender"], "reference": reference, "message_id": e.payload["message_id"]}
                  for e in events for reference in e.payload.get("references", ())]
    if references:
        await conn.execute(sa.insert(message_references), references)


async def _message_statuses_reported(conn: AsyncConnection, events: Sequence[Envelope]) -> None:
    """The event carries the status as advanced already (domain/messages.py); an answer id is
    kept only with the answer itself."""
    m = received_messages.c
    statement = (sa.update(received_messages).where(m.message_id == sa.bindparam("p_id"))
                 .values(status=sa.bindparam("p_status"),
                         answer_id=sa.func.coalesce(sa.bindparam("p_answer", type_=sa.String()), m.answer_id)))
    await conn.execute(statement, [{
        "p_id": e.payload["message_id"], "p_status": e.payload["status"],
        "p_answer": e.payload.get("answer_id") if e.payload["status"] == Status.ANSWERED.value else None,
    } for e in events])


async def _mailbox_messages_delivered(conn: AsyncConnection, events: Sequence[Envelope]) -> None:
    await conn.execute(sa.insert(mailbox), [{
        "message_id": e.payload["message_id"], "addressee": e.payload["addressee"], "sender": e.payload["sender"],
        "message_code": e.payload["message_code"], "in_reply_to": e.payload["in_reply_to"],
        "created_at": e.occurred_at, "sha256": e.payload["sha256"], "size": e.payload["size"],
        "position": e.position, "identification": e.payload.get("identification"),
        "dated": _day(e.payload.get("dated")),
        "conversation_id": e.payload.get("conversation_id") or e.payload["in_reply_to"] or e.payload["message_id"],
    } for e in events])


async def _mailbox_messages_acknowledged(conn: AsyncConnection, events: Sequence[Envelope]) -> None:
    b = mailbox.c
    statement = (sa.update(mailbox).where(b.message_id == sa.bindparam("p_id"), b.acknowledged_at.is_(None))
                 .values(acknowledged_at=sa.bindparam("p_at")))
    await conn.execute(statement, [{"p_id": e.payload["message_id"], "p_at": e.occurred_at} for e in events])


async def _parties_registered(conn: AsyncConnection, events: Sequence[Envelope]) -> None:
    for e in events:  # a region load's worth: one at a time is plenty
        row = {k: e.payload[k] for k in ("code", "kind", "name", "on_behalf_of")}
        await _upsert(conn, parties, parties.c.code, row)


async def _party_tokens_issued(conn: AsyncConnection, events: Sequence[Envelope]) -> None:
    await conn.execute(sa.insert(party_tokens), [
        {"token_hash": e.payload["token_hash"], "party_code": e.payload["code"]} for e in events])


async def _staff_users_registered(conn: AsyncConnection, events: Sequence[Envelope]) -> None:
    """The password hash is not in the event (it is a record: tables.staff_passwords)."""
    for e in events:
        row = {**{k: e.payload[k] for k in ("username", "roles", "municipalities")}, "name": e.payload.get("name")}
        await _upsert(conn, staff_users, staff_users.c.username, row)


async def _staff_tokens_issued(conn: AsyncConnection, events: Sequence[Envelope]) -> None:
    await conn.execute(sa.insert(staff_tokens), [
        {"token_hash": e.payload["token_hash"], "username": e.payload["username"]} for e in events])


async def _staff_users_removed(conn: AsyncConnection, events: Sequence[Envelope]) -> None:
    for e in events:
        username = e.payload["username"]
        await conn.execute(sa.delete(staff_tokens).where(staff_tokens.c.username == username))
        await conn.execute(sa.delete(staff_users).where(staff_users.c.username == username))
        await end_sessions(conn, kernel.staff_sessions, kernel.staff_sessions.c.username == username, e.occurred_at)


async def _staff_sessions_started(conn: AsyncConnection, events: Sequence[Envelope]) -> None:
    await conn.execute(sa.insert(kernel.staff_sessions), [{
        "session_hash": e.payload["session_hash"], "username": e.payload["username"], "started_at": utc(e.occurred_at),
        "expires_at": utc(datetime.fromisoformat(e.payload["expires_at"])), "idle_seconds": e.payload["idle_seconds"],
    } for e in events])


async def _staff_sessions_ended(conn: AsyncConnection, events: Sequence[Envelope]) -> None:
    sessions = kernel.staff_sessions
    for e in events:
        await end_sessions(conn, sessions, sessions.c.session_hash == e.payload["session_hash"], e.occurred_at)


async def _region_sections_changed(conn: AsyncConnection, events: Sequence[Envelope]) -> None:
    for e in events:
        await _upsert(conn, region_sections, region_sections.c.name,
                      {"name": e.payload["section"], "sha256": e.payload["sha256"]})


async def _region_files_loaded(conn: AsyncConnection, events: Sequence[Envelope]) -> None:
    await conn.execute(sa.insert(region_loads), [{
        "position": e.position, "sha256": e.payload["sha256"], "region": e.payload["region"][:200],
        "size": e.payload["size"], "loaded_by": e.payload["by"], "loaded_at": utc(e.occurred_at),
        "changes": e.payload["changes"],
    } for e in events])


def _day(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


async def _upsert(conn: AsyncConnection, table: sa.Table, key: sa.Column, row: dict[str, Any]) -> None:  # type: ignore[type-arg]
    updated = await conn.execute(sa.update(table).where(key == row[key.name]).values(**row))
    if updated.rowcount == 0:
        await conn.execute(sa.insert(table).values(**row))


PROJECTORS: dict[str, Projector] = {  # creation before change: see `project`
    ev.MESSAGE_RECEIVED: _messages_received,
    ev.MESSAGE_STATUS_REPORTED: _message_statuses_reported,
    ev.MAILBOX_MESSAGE_DELIVERED: _mailbox_messages_delivered,
    ev.MAILBOX_MESSAGE_ACKNOWLEDGED: _mailbox_messages_acknowledged,
    ev.PARTY_REGISTERED: _parties_registered,
    ev.PARTY_TOKEN_ISSUED: _party_tokens_issued,
    ev.STAFF_USER_REGISTERED: _staff_users_registered,
    ev.STAFF_TOKEN_ISSUED: _staff_tokens_issued,
    ev.STAFF_SESSION_STARTED: _staff_sessions_started,
    ev.STAFF_SESSION_ENDED: _staff_sessions_ended,
    ev.REGION_SECTION_CHANGED: _region_sections_changed,
    ev.REGION_FILE_LOADED: _region_files_loaded,
    ev.STAFF_USER_REMOVED: _staff_users_removed,  # last: it ends its run (see `project`)
}


async def positioned(uow: UnitOfWork, staged: list[Envelope]) -> list[Envelope]:
    """The staged envelopes written and given the global position the store assigned them
    (inside the transaction: on PostgreSQL the append lock is held from here to the commit)."""
    await uow.flush()
    events = kernel.events
    ids = [e.event_id for e in staged]
    rows = await uow.connection.execute(sa.select(events.c.event_id, events.c.position).where(events.c.event_id.in_(ids)))
    found = {row.event_id: row.position for row in rows}
    return [e.at(found[e.event_id]) for e in staged]
REMOVALS = frozenset({ev.STAFF_USER_REMOVED})
