"""Revision gateway_0006 moves the message bytes and the password hashes out of the read models
into records of their own, and back again on downgrade."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

import pytest
import sqlalchemy as sa
from sqlalchemy.ext.asyncio import create_async_engine

from services import migrate

BEFORE = "gateway_0005"
RECEIVED = ("INSERT INTO received_messages (message_id, submitter, sender, receiver, message_code, sha256, size, "
            "received_at, status, body) VALUES ('m-1', '98000001', '98000001', '0193', '323', 'abc', 3, :at, "
            "'received', :body)")
MAILBOX = ("INSERT INTO mailbox (message_id, addressee, sender, message_code, sha256, size, created_at, body) "
           "VALUES ('b-1', '98000001', '0193', '301', 'def', 3, :at, :body)")
STAFF = ("INSERT INTO staff_users (username, password_hash, roles, municipalities) VALUES "
         "('beheer', 'scrypt$x', '[]', '[]'), ('robot', NULL, '[]', '[]')")


@pytest.fixture(params=["sqlite", "postgres"])
def url(request: pytest.FixtureRequest, tmp_path) -> str:  # type: ignore[no-untyped-def]
    if request.param == "sqlite":
        return f"sqlite+aiosqlite:///{tmp_path / 'g.db'}"
    return request.getfixturevalue("postgres_url")


async def run(url: str, statement: str, **params: object) -> list[tuple[object, ...]]:
    engine = create_async_engine(url)
    async with engine.begin() as conn:
        result = await conn.execute(sa.text(statement), params)
        rows = [tuple(r) for r in result] if result.returns_rows else []
    await engine.dispose()
    return rows


async def test_the_bytes_and_password_hashes_move_to_their_records_and_back(url: str):
    await asyncio.to_thread(migrate.upgrade, "gateway", url, BEFORE)
    for statement, body in ((RECEIVED, b"<a/>"), (MAILBOX, b"<b/>"), (STAFF, None)):
        await run(url, statement, at=datetime(2026, 5, 6, tzinfo=UTC), body=body)
    await asyncio.to_thread(migrate.upgrade, "gateway", url)
    assert await run(url, "SELECT message_id, body FROM received_bodies") == [("m-1", b"<a/>")]
    assert await run(url, "SELECT message_id, body FROM mailbox_bodies") == [("b-1", b"<b/>")]
    assert await run(url, "SELECT username, password_hash FROM staff_passwords") == [("beheer", "scrypt$x")]
    await asyncio.to_thread(migrate.downgrade, "gateway", url, BEFORE)
    assert await run(url, "SELECT body FROM received_messages UNION ALL SELECT body FROM mailbox ORDER BY 1") == [
        (b"<a/>",), (b"<b/>",)]
    assert await run(url, "SELECT username, password_hash FROM staff_users ORDER BY username") == [
        ("beheer", "scrypt$x"), ("robot", None)]


EVENT = ("INSERT INTO events (event_id, stream_id, stream_version, type, version, payload, occurred_at, recorded_at) "
         "VALUES (:id, :stream, 1, 'gateway.MailboxMessageDelivered', 1, '{}', :at, :at)")
ANSWER = ("INSERT INTO mailbox (message_id, addressee, sender, message_code, in_reply_to, sha256, size, created_at) "
          "VALUES ('b-2', '98000001', '0193', '325', 'm-1', 'def', 3, :at)")


async def test_messages_already_there_take_their_events_position_and_join_the_conversation_they_answer(url: str):
    await asyncio.to_thread(migrate.upgrade, "gateway", url, "gateway_0006")
    at = datetime(2026, 5, 6, tzinfo=UTC)
    for n, stream in enumerate(("message-x", "mailbox-b-2")):
        await run(url, EVENT, id=f"00000000-0000-0000-0000-00000000000{n}", stream=stream, at=at)
    await run(url, ANSWER, at=at)
    await asyncio.to_thread(migrate.upgrade, "gateway", url)
    assert await run(url, "SELECT message_id, position, conversation_id FROM mailbox") == [("b-2", 2, "m-1")]
