"""Several streams touched by one message (a JW305 with products on two allocations, a JW315
with two requested products): load each once, decide against the state so far, append all
together at the end — or nothing, when the message is refused as a whole (IV032)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from functools import reduce
from typing import Generic, TypeVar

from services.allocation.domain.events import Event
from services.allocation.handlers.publishing import append
from services.allocation.ports import AllocationWork
from shared.events.envelope import Envelope

S = TypeVar("S")


class StagedStreams(Generic[S]):
    def __init__(self, work: AllocationWork, evolve: Callable[[S, object], S], initial: S) -> None:
        self._uow = work
        self._evolve = evolve
        self._initial = initial
        self._loaded: dict[str, int] = {}
        self._base: dict[str, S] = {}
        self._states: dict[str, S] = {}
        self._pending: dict[str, list[Event]] = {}

    async def state(self, stream: str) -> S:
        if stream not in self._states:
            stored = await self._uow.load(stream)
            self._loaded[stream] = len(stored)
            self._base[stream] = reduce(self._evolve, stored, self._initial)
            self._states[stream] = self._base[stream]
            self._pending[stream] = []
        return self._states[stream]

    def add(self, stream: str, decided: list[Event]) -> S:
        self._pending[stream].extend(decided)
        self._states[stream] = reduce(self._evolve, decided, self._states[stream])
        return self._states[stream]

    def loaded(self, stream: str) -> S:
        """The state as stored, before this message's decisions."""
        return self._base[stream]

    def append_all(self, now: datetime) -> list[Envelope]:
        appended: list[Envelope] = []
        for stream, decided in self._pending.items():
            appended.extend(append(self._uow, stream, self._loaded[stream], decided, now))
        return appended
