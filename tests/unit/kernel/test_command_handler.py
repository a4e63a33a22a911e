"""The one command shape: load → decide → append → project → outbox (→ audit) in one
transaction, decided again when another writer appended first."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import ClassVar

import pytest

from shared.clock import FixedClock
from shared.commands import Append, Command, CommandHandler, Decision, History, Publish
from shared.events.envelope import Envelope, NewEvent
from shared.events.registry import EventRegistry
from shared.persistence.memory import MemoryDatabase
from shared.persistence.memory_work import MemoryStore
from shared.persistence.ports import ConcurrencyError

T0 = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)


@dataclass(frozen=True)
class Deposited:
    TYPE: ClassVar[str] = "test.Deposited"
    VERSION: ClassVar[int] = 1
    account: str
    amount: int


@dataclass(frozen=True)
class BalanceAnnounced:
    TYPE: ClassVar[str] = "test.BalanceAnnounced"
    VERSION: ClassVar[int] = 1
    account: str
    balance: int


@dataclass
class Balances:
    rows: dict[str, int] = field(default_factory=dict)
    audit: list[str] = field(default_factory=list)


@dataclass
class Ports:
    state: Balances


async def project(ports: Ports, envelopes: Sequence[Envelope]) -> None:
    for e in envelopes:
        rows = ports.state.rows
        rows[e.payload["account"]] = rows.get(e.payload["account"], 0) + e.payload["amount"]


@dataclass(frozen=True)
class Deposit:
    account: str
    amount: int


def decide_deposit(c: Deposit, histories: Mapping[str, History], _: object, now: datetime) -> Decision[int]:
    if c.amount <= 0:
        raise ValueError("a deposit is positive")
    history = histories[f"account-{c.account}"]
    balance = sum(e.amount for e in history) + c.amount
    return Decision(balance, [Append(f"account-{c.account}", len(history), [Deposited(c.account, c.amount)])],
                    [Publish(BalanceAnnounced(c.account, balance), f"account-{c.account}")], [f"deposit {c.account}"])


DEPOSIT = Command(lambda c: [f"account-{c.account}"], decide_deposit)
REGISTRY = EventRegistry.of((Deposited,))


async def audit(work, entry, at) -> None:  # type: ignore[no-untyped-def]
    work.ports.state.audit.append(entry)


def handler(db: MemoryDatabase, state: Balances) -> CommandHandler[Ports]:
    store = MemoryStore(db, state, Ports)
    return CommandHandler(store, REGISTRY, project, "happyflow.test.events", FixedClock(T0), audit)


async def test_a_command_appends_projects_publishes_and_audits_together():
    db, state = MemoryDatabase(), Balances()
    assert await handler(db, state)(DEPOSIT, Deposit("a", 5)) == 5
    assert await handler(db, state)(DEPOSIT, Deposit("a", 7)) == 12
    assert state.rows == {"a": 12} and state.audit == ["deposit a", "deposit a"]
    outbox = [Envelope.from_json(row.value) for row in await db.pending_outbox(10)]
    assert [(e.type, e.payload["balance"]) for e in outbox] == [("test.BalanceAnnounced", 5),
                                                                ("test.BalanceAnnounced", 12)]
    first = (await db.load("account-a"))[0]
    assert outbox[0].causation_id == first.event_id


async def test_a_refused_command_leaves_no_event_row_or_outbox_entry():
    db, state = MemoryDatabase(), Balances()
    with pytest.raises(ValueError):
        await handler(db, state)(DEPOSIT, Deposit("a", -1))
    assert (db.events, state.rows, state.audit, await db.pending_outbox(10)) == ([], {}, [], [])


async def test_a_command_that_loses_a_race_is_decided_again_on_the_new_history():
    db, state = MemoryDatabase(), Balances()
    races = 0

    def racing(c: Deposit, histories: Mapping[str, History], x: object, now: datetime) -> Decision[int]:
        nonlocal races
        if races == 0:  # another writer appends after this one loaded the stream
            races += 1
            db.streams.setdefault("account-a", []).append(
                Envelope.of("account-a", 1, NewEvent.of(Deposited("a", 100), now)).at(1))
        return decide_deposit(c, histories, x, now)

    assert await handler(db, state)(Command(DEPOSIT.streams, racing), Deposit("a", 5)) == 105


async def test_a_command_that_keeps_losing_gives_up_with_the_conflict():
    def always_stale(c: Deposit, histories: Mapping[str, History], x: object, now: datetime) -> Decision[int]:
        return Decision(0, [Append("account-a", 7, [Deposited("a", 1)])])

    with pytest.raises(ConcurrencyError):
        await handler(MemoryDatabase(), Balances())(Command(DEPOSIT.streams, always_stale), Deposit("a", 1))


@dataclass(frozen=True)
class DepositMany:
    account: str
    amounts: tuple[int, ...]
    chunk: int


def decide_many(c: DepositMany, histories: Mapping[str, History], _: object, now: datetime) -> Decision[int]:
    stream = f"account-{c.account}"
    history = histories[stream]
    total = sum(e.amount for e in history) + sum(c.amounts)
    return Decision(total, [Append(stream, len(history), [Deposited(c.account, a) for a in c.amounts], chunk=c.chunk)],
                    [Publish(BalanceAnnounced(c.account, total), stream, version=len(history) + len(c.amounts))])


DEPOSIT_MANY = Command(lambda c: [f"account-{c.account}"], decide_many)


def streaming_handler(db: MemoryDatabase, state: Balances, log: list[object],
                      fail_at: int | None = None) -> CommandHandler[Ports]:
    """A handler projecting each append's events with their stream; `log` sees the flushes and the
    projections in the order they happen."""
    async def project_stream(ports: Ports, stream: str, events: Sequence[Deposited], at: datetime) -> None:
        log.append((stream, [e.amount for e in events]))
        if fail_at is not None and len(log) >= fail_at:
            raise RuntimeError("the read model refuses a row")
        for e in events:
            ports.state.rows[e.account] = ports.state.rows.get(e.account, 0) + e.amount

    class LoggingStore(MemoryStore):  # type: ignore[type-arg]
        def unit_of_work(self):  # type: ignore[no-untyped-def]
            work = super().unit_of_work()
            flush = work.flush

            async def logged() -> None:
                log.append("flush")
                await flush()

            work.flush = logged  # type: ignore[method-assign]
            return work

    return CommandHandler(LoggingStore(db, state, Ports), REGISTRY, None, "happyflow.test.events", FixedClock(T0),
                          audit, project_stream=project_stream)


async def test_a_chunked_append_is_written_and_projected_a_chunk_at_a_time_as_one_stream():
    db, state, log = MemoryDatabase(), Balances(), []
    assert await streaming_handler(db, state, log)(DEPOSIT_MANY, DepositMany("a", (1, 2, 3, 4, 5), chunk=2)) == 15
    assert log == ["flush", ("account-a", [1, 2]), "flush", ("account-a", [3, 4]), "flush", ("account-a", [5])]
    assert [(e.stream_version, e.payload["amount"]) for e in await db.load("account-a")] == [
        (1, 1), (2, 2), (3, 3), (4, 4), (5, 5)]
    assert state.rows == {"a": 15}


async def test_an_unchunked_append_is_projected_once_at_the_end_without_a_flush():
    db, state, log = MemoryDatabase(), Balances(), []
    await streaming_handler(db, state, log)(DEPOSIT_MANY, DepositMany("a", (1, 2, 3), chunk=0))
    assert log == [("account-a", [1, 2, 3])]


async def test_a_chunked_append_is_still_one_transaction_a_late_failure_leaves_nothing():
    db, state, log = MemoryDatabase(), Balances(), []
    with pytest.raises(RuntimeError):
        await streaming_handler(db, state, log, fail_at=4)(DEPOSIT_MANY, DepositMany("a", (1, 2, 3, 4, 5), chunk=2))
    assert ("account-a", [3, 4]) in log  # the failure came after two chunks were written and projected
    assert (db.events, state.rows, await db.pending_outbox(10)) == ([], {}, [])


async def test_a_chunked_append_after_another_writer_is_refused_whole():
    db, state, log = MemoryDatabase(), Balances(), []

    def stale(c: DepositMany, histories: Mapping[str, History], x: object, now: datetime) -> Decision[int]:
        return Decision(0, [Append("account-a", 0, [Deposited("a", a) for a in c.amounts], chunk=2)])

    await handler(db, state)(DEPOSIT, Deposit("a", 9))
    with pytest.raises(ConcurrencyError):
        await streaming_handler(db, state, log)(Command(DEPOSIT_MANY.streams, stale), DepositMany("a", (1, 2, 3), 2))
    assert [e.payload["amount"] for e in await db.load("account-a")] == [9]


def lazily(c: DepositMany, log: list[object]) -> Decision[int]:
    """decide_many with its events made one at a time as they are taken (`log` sees each made)."""
    def made() -> Iterator[Deposited]:
        for a in c.amounts:
            log.append(("made", a))
            yield Deposited(c.account, a)

    return Decision(sum(c.amounts), [Append(f"account-{c.account}", 0, made(), chunk=c.chunk)])


async def test_a_chunked_append_takes_a_generators_events_a_chunk_at_a_time_and_writes_every_one():
    db, state, log = MemoryDatabase(), Balances(), []
    command = Command(DEPOSIT_MANY.streams, lambda c, _, __, ___: lazily(c, log))
    assert await streaming_handler(db, state, log)(command, DepositMany("a", (1, 2, 3, 4, 5), chunk=2)) == 15
    assert log == [("made", 1), ("made", 2), "flush", ("account-a", [1, 2]), ("made", 3), ("made", 4), "flush",
                   ("account-a", [3, 4]), ("made", 5), "flush", ("account-a", [5])]
    assert [(e.stream_version, e.payload["amount"]) for e in await db.load("account-a")] == [
        (1, 1), (2, 2), (3, 3), (4, 4), (5, 5)]
    assert state.rows == {"a": 15}


async def test_an_unchunked_append_of_a_generator_is_written_and_projected_whole():
    db, state, log = MemoryDatabase(), Balances(), []
    command = Command(DEPOSIT_MANY.streams, lambda c, _, __, ___: lazily(c, log))
    await streaming_handler(db, state, log)(command, DepositMany("a", (1, 2, 3), chunk=0))
    assert log[-1] == ("account-a", [1, 2, 3])
    assert [e.payload["amount"] for e in await db.load("account-a")] == [1, 2, 3]


async def test_a_publish_carries_the_stream_version_it_asks_for_and_is_caused_by_the_first_event_appended():
    db, state = MemoryDatabase(), Balances()
    await streaming_handler(db, state, [])(DEPOSIT_MANY, DepositMany("a", (1, 2, 3), chunk=2))
    [announced] = [Envelope.from_json(row.value) for row in await db.pending_outbox(10)]
    first = (await db.load("account-a"))[0]
    assert (announced.stream_version, announced.causation_id) == (3, first.event_id)
    assert (announced.payload["balance"], announced.stream_id) == (6, "account-a")


def test_a_handler_takes_exactly_one_projection():
    store = MemoryStore(MemoryDatabase(), Balances(), Ports)
    with pytest.raises(ValueError):
        CommandHandler(store, REGISTRY, project, "t", FixedClock(T0), project_stream=lambda *a: None)  # type: ignore[arg-type,return-value]
