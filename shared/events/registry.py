"""Registry of event types with explicit `type` + `version`, and the upcasters between versions.

Stored rows are never rewritten: an old event is lifted to the current version every time it is
read (design.md §3.2). Type names are string constants chosen by people, never derived from
class or module paths (style.md, principle 5).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from typing import Any

from shared.events.envelope import Envelope

Payload = dict[str, Any]
Upcaster = Callable[[Payload], Payload]


class UnknownEventType(LookupError):
    pass


@dataclass(frozen=True)
class EventType:
    name: str
    version: int
    upcasters: tuple[Upcaster, ...] = ()
    """upcasters[i] lifts a payload of version i+1 to version i+2; the last one ends at `version`."""

    def __post_init__(self) -> None:
        if self.version < 1:
            raise ValueError(f"{self.name}: versions start at 1")
        if len(self.upcasters) > self.version - 1:
            raise ValueError(f"{self.name}: {len(self.upcasters)} upcasters for version {self.version}")


class EventRegistry:
    def __init__(self, types: Iterable[EventType] = ()) -> None:
        self._types: dict[str, EventType] = {}
        for event_type in types:
            self.register(event_type)

    def register(self, event_type: EventType) -> None:
        if event_type.name in self._types:
            raise ValueError(f"event type {event_type.name!r} registered twice")
        self._types[event_type.name] = event_type

    def __contains__(self, name: str) -> bool:
        return name in self._types

    def current_version(self, name: str) -> int:
        return self._get(name).version

    def upcast(self, envelope: Envelope) -> Envelope:
        event_type = self._get(envelope.type)
        if envelope.version > event_type.version:
            raise ValueError(
                f"{envelope.type} v{envelope.version} is newer than this code (v{event_type.version})"
            )
        first_missing = event_type.version - 1 - len(event_type.upcasters)
        if envelope.version <= first_missing:
            raise ValueError(f"{envelope.type} v{envelope.version} has no upcaster any more")
        payload = envelope.payload
        for upcaster in event_type.upcasters[envelope.version - 1 - first_missing :]:
            payload = upcaster(payload)
        return replace(envelope, version=event_type.version, payload=payload)

    def _get(self, name: str) -> EventType:
        try:
            return self._types[name]
        except KeyError:
            raise UnknownEventType(f"unknown event type {name!r}") from None
