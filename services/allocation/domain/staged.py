"""Several streams one decision touches (a JW305 with products on two allocations, a JW315 with
two requested products, a JW301 with its requests): each stream's state from its history, the
events decided so far on top, and at the end one `Append` per stream and tenant — or none, when
the message is refused as a whole (IV032). Pure: the command handler loaded the histories."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from functools import reduce
from typing import Any, Generic, TypeVar

from services.allocation.domain.appends import appends
from services.allocation.domain.errors import RuleViolation
from services.allocation.domain.events import Event
from shared.commands import Append, Decision, History, Publish

S = TypeVar("S")
T = TypeVar("T")
Refusals = tuple[RuleViolation | None, ...]


class Staged(Generic[S]):
    def __init__(self, histories: Mapping[str, History], evolve: Callable[[S, object], S], initial: S) -> None:
        self._histories, self._evolve, self._initial = histories, evolve, initial
        self._states: dict[str, S] = {}
        self._decided: dict[str, list[Event]] = {}

    def loaded(self, stream: str) -> S:
        """The state as stored, before this decision."""
        return reduce(self._evolve, self._histories[stream], self._initial)

    def state(self, stream: str) -> S:
        if stream not in self._states:
            self._states[stream] = self.loaded(stream)
        return self._states[stream]

    def add(self, stream: str, decided: list[Event]) -> S:
        self._decided.setdefault(stream, []).extend(decided)
        self._states[stream] = reduce(self._evolve, decided, self.state(stream))
        return self._states[stream]

    def decided(self) -> dict[str, list[Event]]:
        """The events decided per stream, in the order the streams were first decided on."""
        return {stream: events for stream, events in self._decided.items() if events}

    def appends(self) -> list[Append]:
        return [a for stream, events in self.decided().items()
                for a in appends(stream, len(self._histories[stream]), events)]


def all_or_nothing(staged: Staged[Any], items: Iterable[T], stage: Callable[[T], object],
                   publish: Callable[[str, Event], Publish | None]) -> Decision[Refusals]:
    """Each item of a message staged in turn, its refusal (None: accepted) reported in order; one
    refused refuses the message as a whole (IV032): nothing appended, nothing published."""
    refusals: list[RuleViolation | None] = []
    for item in items:
        try:
            stage(item)
            refusals.append(None)
        except RuleViolation as refused:
            refusals.append(refused)
    if any(refusals):
        return Decision(tuple(refusals))
    published = [p for stream, events in staged.decided().items() for e in events
                 if (p := publish(stream, e)) is not None]
    return Decision(tuple(refusals), staged.appends(), published)
