"""The contract of the messages, mailbox and conversations ports, on every adapter."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime

import uuid

import pytest

from services.gateway.domain.conversations import Answered, Facts
from services.gateway.ports import Filters, MailboxMessage, ReceivedMessage, StatusChange
from shared.persistence.memory_work import MemoryStore
from shared.persistence.ports import ConcurrencyError
from tests.support.held import held_by
from tests.support.port_stores import write

T0 = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)
PROVIDER, GEMEENTE, HUB = "98000001", "0193", "98009999"


def received(n: int, code: str = "323", submitter: str = PROVIDER, at: datetime = T0, **fields) -> ReceivedMessage:
    return ReceivedMessage(f"m-{n}", submitter, PROVIDER, GEMEENTE, code, f"{n:064d}", 100 + n, at, "received", n,
                           f"m-{n}", **fields)


def delivered(n: int, code: str = "325", to: str = PROVIDER, **fields) -> MailboxMessage:
    return MailboxMessage(f"d-{n}", to, GEMEENTE, code, None, T0, f"{n:064d}", 10, n, f"d-{n}", **fields)


async def test_a_received_message_is_found_by_its_bytes_and_by_its_sender_only(store, queries):
    await write(store, lambda p: p.messages.add([received(1)], []))
    assert await queries.messages.by_digest(PROVIDER, f"{1:064d}") == "m-1"
    assert await queries.messages.by_digest(HUB, f"{1:064d}") is None
    assert (await queries.messages.sent_by("m-1", frozenset({PROVIDER}))).size == 101
    assert await queries.messages.sent_by("m-1", frozenset({"98000002"})) is None


async def test_the_same_bytes_from_the_same_party_twice_is_a_conflict_and_keeps_the_first(store, queries):
    await write(store, lambda p: p.messages.add([received(1)], []))
    with pytest.raises(ConcurrencyError):
        await write(store, lambda p: p.messages.add([replace(received(1), message_id="m-2", position=2)], []))
    assert await queries.messages.by_digest(PROVIDER, f"{1:064d}") == "m-1"


async def test_work_left_without_commit_leaves_no_row_and_no_bytes(store, queries):
    with pytest.raises(RuntimeError):
        async with store.unit_of_work() as work:
            await work.ports.messages.add([received(1)], [])
            await work.ports.messages.keep_body("m-1", b"<Bericht/>")
            raise RuntimeError("the handler failed")
    assert await queries.messages.by_digest(PROVIDER, f"{1:064d}") is None
    assert await queries.messages.body("m-1") is None


async def test_bytes_kept_in_sql_are_not_held_in_memory_afterwards(store):
    if isinstance(store, MemoryStore):
        pytest.skip("memory is where the memory adapter keeps them")
    body = b"<Bericht>" + uuid.uuid4().bytes + b"</Bericht>"
    async with store.unit_of_work() as work:
        await work.ports.messages.keep_body("m-1", body)
        await work.ports.mailbox.keep_body("x-1", body)
        await work.commit()
    assert held_by(body) == []


async def test_a_status_keeps_the_answer_it_was_given_until_another_answer(store, queries):
    await write(store, lambda p: p.messages.add([received(1)], []))
    await write(store, lambda p: p.messages.report([StatusChange("m-1", "answered", "d-9")]))
    await write(store, lambda p: p.messages.report([StatusChange("m-1", "answered", None)]))
    found = await queries.messages.sent_by("m-1", frozenset({PROVIDER}))
    assert (found.status, found.answer_id) == ("answered", "d-9")


async def test_pages_follow_the_position_and_the_filters(store, queries):
    late = datetime(2026, 11, 3, 23, 30, tzinfo=UTC)  # 4 November in Dutch time
    await write(store, lambda p: p.messages.add([received(1), received(2, "315"), received(3, at=late)], []))
    mine = frozenset({PROVIDER})
    assert [m.message_id for m in await queries.messages.page(mine, 0, 2, Filters())] == ["m-1", "m-2"]
    assert [m.message_id for m in await queries.messages.page(mine, 1, 250, Filters(message_code="JW315"))] == ["m-2"]
    assert [m.message_id for m in await queries.messages.page(mine, 0, 250, Filters(since=date(2026, 11, 4)))] == ["m-3"]
    assert [m.message_id for m in await queries.messages.page(mine, 0, 250, Filters(until=date(2026, 11, 3)))] == [
        "m-1", "m-2"]


async def test_the_mailbox_lists_what_is_addressed_and_acknowledges_once(store, queries):
    await write(store, lambda p: p.mailbox.deliver([delivered(1), delivered(2), delivered(3, to="98000002")]))
    first, later = datetime(2026, 11, 5, tzinfo=UTC), datetime(2026, 11, 6, tzinfo=UTC)
    await write(store, lambda p: p.mailbox.acknowledge([("d-1", first)]))
    await write(store, lambda p: p.mailbox.acknowledge([("d-1", later)]))
    mine = frozenset({PROVIDER})
    assert [m.message_id for m in await queries.mailbox.items(mine, unacknowledged=False)] == ["d-1", "d-2"]
    assert [m.message_id for m in await queries.mailbox.items(mine, unacknowledged=True)] == ["d-2"]
    assert (await queries.mailbox.item("d-1", mine)).acknowledged_at == first
    assert await queries.mailbox.item("d-3", mine) is None
    page = await queries.mailbox.page(mine, 0, 250, Filters(acknowledged=False))
    assert [m.message_id for m in page] == ["d-2"]


async def test_the_bytes_of_a_delivered_message_are_kept_apart_from_received_ones(store, queries):
    await write(store, lambda p: p.mailbox.keep_body("x-1", b"<JW325/>"))
    assert (await queries.mailbox.body("x-1"), await queries.messages.body("x-1")) == (b"<JW325/>", None)


async def test_an_answer_finds_the_message_it_answers_by_its_identification(store, queries):
    jw323 = received(1, identification="323-0506-1", dated=date(2026, 5, 6))
    await write(store, lambda p: p.messages.add([jw323], []))
    facts = Facts(original=("323-0506-1", date(2026, 5, 6)))
    assert await queries.conversations.answered("325", GEMEENTE, PROVIDER, facts) == Answered("m-1", "m-1")
    assert await queries.conversations.answered("325", GEMEENTE, "98000002", facts) is None
    assert await queries.conversations.of_received("m-1") == Answered("m-1", "m-1")


async def test_a_jw302_finds_the_jw301_in_the_providers_mailbox(store, queries):
    jw301 = replace(delivered(4, "301"), identification="301-1", dated=date(2026, 5, 1), conversation_id="c-1")
    await write(store, lambda p: p.mailbox.deliver([jw301]))
    facts = Facts(original=("301-1", date(2026, 5, 1)))
    assert await queries.conversations.answered("302", PROVIDER, GEMEENTE, facts) == Answered("d-4", "c-1")


async def test_a_jw319_finds_the_latest_request_under_its_reference(store, queries):
    old, new = received(1, "315"), replace(received(2, "317"), conversation_id="c-2")
    await write(store, lambda p: p.messages.add([old, new], [(PROVIDER, "REF-1", "m-1"), (PROVIDER, "REF-1", "m-2")]))
    facts = Facts(answered_references=("REF-1",))
    assert await queries.conversations.answered("319", GEMEENTE, PROVIDER, facts) == Answered("m-2", "c-2")
    assert await queries.conversations.answered("319", GEMEENTE, PROVIDER, Facts(answered_references=("X",))) is None
