"""The one command shape: load → decide → append → project → outbox (→ audit) in one
transaction, decided again when another writer appended first."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
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
