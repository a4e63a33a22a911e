"""The one command shape of every service: load the stream(s) → pure decide → append → project →
outbox (→ audit), in one transaction, decided again when another writer got there first.

A use case is a `Command`: which streams it reads, what else it reads from the service's ports
inside the transaction (`context`), the pure decider, and the records no event carries (bytes,
secrets) that it writes beside its events. The decider gets the typed events of each stream,
the context and the time, and returns a `Decision`: what to append where, what integration events
to publish, what to audit, and the result for the caller. `CommandHandler` runs it the same way
for every service, so a handler module holds only the use case's own reads and rules.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from itertools import islice
from typing import Any, Generic, TypeVar

from shared.clock import Clock
from shared.events.envelope import Envelope, NewEvent
from shared.events.registry import EventRegistry
from shared.persistence.ports import ConcurrencyError, Store, Work

C = TypeVar("C")
P = TypeVar("P")
X = TypeVar("X")
R = TypeVar("R")

ATTEMPTS = 3
History = Sequence[Any]
"""The typed events of one stream, oldest first; its length is the version to append after."""


@dataclass(frozen=True)
class Append:
    stream: str
    expected: int
    events: Iterable[Any]
    """A sequence; or, for a chunked append, any iterable (a decider's generator): its events are
    then made a chunk at a time as they are written, never held all at once."""
    tenant: str | None = None
    chunk: int | None = None
    """Written and projected this many events at a time, inside the one transaction (`Work.flush`
    between): a decision of 100,000 events never holds every one's stored form and read-model rows
    at once. Without it the append is written at the commit, projected with the decision's others."""

    def chunks(self) -> Iterator[Append]:
        """One chunk at a time, taken from the events as they come, so no more than one chunk is
        held beside what they are made from."""
        if not self.chunk:
            yield self if isinstance(self.events, Sequence) else replace(self, events=list(self.events))
            return
        events, start = iter(self.events), 0
        while part := list(islice(events, self.chunk)):
            yield replace(self, expected=self.expected + start, events=part)
            start += len(part)


@dataclass(frozen=True)
class Publish:
    """An integration event for the outbox, keyed by `key` (a stream id: one key keeps its order)
    and caused by the first event this decision appends."""

    event: Any
    key: str
    tenant: str | None = None
    partition: str | None = None
    """The outbox's key when it is not `key`: events that must stay in order across streams (one
    gemeente's declarations, whichever consumer in the group holds them) share one."""
    version: int = 0
    """The stream version the envelope carries, where its consumers are told one (a declaration's
    announcements carry the version of the declaration stream they follow)."""


@dataclass(frozen=True)
class Decision(Generic[R]):
    result: R
    appends: Sequence[Append] = ()
    publish: Sequence[Publish] = ()
    audit: Sequence[Any] = ()
    """Audit entries, written through the handler's `audit` sink in the same transaction."""
    records: Sequence[Any] = ()
    """Records no event carries (a password hash), for the command's `record` to write."""


Decide = Callable[[C, Mapping[str, History], X, datetime], Decision[R]]


@dataclass(frozen=True)
class Command(Generic[C, P, X, R]):
    streams: Callable[[C], Sequence[str]]
    decide: Callable[[C, Mapping[str, History], Any, datetime], Decision[R]]
    context: Callable[[P, C], Awaitable[Any]] | None = None
    record: Callable[[P, C, Decision[R]], Awaitable[None]] | None = None


Project = Callable[[P, Sequence[Envelope]], Awaitable[None]]
ProjectDecided = Callable[[P, Sequence[Any], datetime], Awaitable[None]]
"""The events a decision appended, as decided (typed), and the moment they were recorded."""
ProjectStream = Callable[[P, str, Sequence[Any], datetime], Awaitable[None]]
"""The events one append decided for its stream, as decided, and the moment they were recorded."""
AuditSink = Callable[[Work[Any], Any, datetime], Awaitable[None]]


class CommandHandler(Generic[P]):
    def __init__(self, store: Store[P], registry: EventRegistry, project: Project[P] | None, topic: str,
                 clock: Clock, audit: AuditSink | None = None, attempts: int = ATTEMPTS,
                 project_decided: ProjectDecided[P] | None = None,
                 project_stream: ProjectStream[P] | None = None) -> None:
        """One of three projections. `project`: the appended envelopes, with their global positions.
        `project_decided`, for a service whose projections read neither positions nor envelopes: the
        decided events themselves, so the unit of work writes them at its commit instead of writing
        and reading back each position and decoding what was just encoded (for a decision of 10,000
        events those cost more than the projections). `project_stream`: the same, one append's
        events with their stream at a time."""
        if sum(p is not None for p in (project, project_decided, project_stream)) != 1:
            raise ValueError("a command handler projects the envelopes, the decided events or the streams' events")
        self._store, self._registry, self._project, self._project_decided = store, registry, project, project_decided
        self._project_stream = project_stream
        self._topic, self._clock, self._audit, self._attempts = topic, clock, audit, attempts

    async def __call__(self, command: Command[C, P, X, R], given: C) -> R:
        for attempt in range(1, self._attempts + 1):
            try:
                async with self._store.unit_of_work() as work:
                    result = await self.within(work, command, given)
                    await work.commit()
                    return result
            except ConcurrencyError:
                if attempt == self._attempts:
                    raise
        raise AssertionError("unreachable")

    async def within(self, work: Work[P], command: Command[C, P, X, R], given: C) -> R:
        """The command inside a unit of work the caller holds and commits (a consumer applying a
        poll of messages in one transaction); the caller retries on ConcurrencyError."""
        decision = await self._decide(work, command, given)
        cause = await self._append(work, decision)
        if command.record is not None:
            await command.record(work.ports, given, decision)
        self._publish(work, decision, cause)
        for entry in decision.audit:
            if self._audit is None:
                raise RuntimeError("a decision to audit, but this handler has no audit sink")
            await self._audit(work, entry, self._clock.now())
        return decision.result

    async def _decide(self, work: Work[P], command: Command[C, P, X, R], given: C) -> Decision[R]:
        histories = {s: [self._registry.decode(e) for e in await work.load(s)] for s in command.streams(given)}
        context = await command.context(work.ports, given) if command.context is not None else None
        return command.decide(given, histories, context, self._clock.now())

    async def _append(self, work: Work[P], decision: Decision[R]) -> Any:
        """Every append staged and projected; the id of the first event (what the publishes were
        caused by). A chunked append is written and projected chunk by chunk as it comes, the
        others together after it."""
        # One moment for the whole decision, as the projections take it: the store formats a
        # timestamp its rows share once (shared/persistence/bulk.py), not 10,000 times.
        now, cause = self._clock.now(), None
        together: list[tuple[Append, list[Envelope]]] = []
        for a in decision.appends:
            for part in a.chunks():
                new = [NewEvent.of(e, now, part.tenant) for e in part.events]
                staged = work.append(part.stream, part.expected, new)
                cause = cause or (staged[0].event_id if staged else None)
                if a.chunk:
                    await work.flush()
                    await self._projected(work, [(part, staged)], now)
                else:
                    together.append((part, staged))
        if together:
            await self._projected(work, together, now)
        return cause

    async def _projected(self, work: Work[P], appended: Sequence[tuple[Append, list[Envelope]]],
                         now: datetime) -> None:
        if self._project_stream is not None:
            for a, _ in appended:
                if a.events:
                    await self._project_stream(work.ports, a.stream, a.events, now)
        elif self._project_decided is not None:
            if decided := [e for a, _ in appended for e in a.events]:
                await self._project_decided(work.ports, decided, now)
        elif self._project is not None:
            await self._project(work.ports, await work.positioned([e for _, staged in appended for e in staged]))

    def _publish(self, work: Work[P], decision: Decision[R], cause: Any) -> None:
        now = self._clock.now()
        for p in decision.publish:
            envelope = Envelope.of(p.key, p.version, NewEvent.of(p.event, now, p.tenant, causation_id=cause))
            work.enqueue(self._topic, [envelope], key=p.partition)
