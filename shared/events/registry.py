"""Registry of event types with explicit `type` + `version`, and the upcasters between versions.

Stored rows are never rewritten: an old event is lifted to the current version every time it is
read (design.md §3.2). Type names are string constants chosen by people, never derived from
class or module paths (style.md, principle 5).

A service builds its registry with `EventRegistry.of` from a literal tuple of its event classes
(shared/events/serializer.py) and a literal dict of upcasters, `(type, from_version) → lift`;
the registry then also turns a stored envelope into its typed event (`decode`). The older
`EventRegistry([EventType(...)])` of payload dicts stays for the services not yet converted.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from typing import Any

from shared.events.envelope import Envelope
from shared.events.serializer import from_json, from_payload

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
        self._classes: dict[str, type] = {}
        for event_type in types:
            self.register(event_type)

    @classmethod
    def of(cls, classes: Iterable[type], upcasters: Mapping[tuple[str, int], Upcaster] | None = None) -> EventRegistry:
        """The registry of these event classes; `upcasters[(TYPE, n)]` lifts a payload of version n
        to n + 1, and every version from the oldest one lifted up to the class's VERSION needs one."""
        upcasters = dict(upcasters or {})
        registry = cls()
        for event_class in classes:
            name, version = event_class.TYPE, event_class.VERSION  # type: ignore[attr-defined]
            froms = sorted(n for (t, n) in upcasters if t == name)
            if froms and froms != list(range(froms[0], version)):
                raise ValueError(f"{name}: upcasters from versions {froms} do not reach version {version}")
            registry.register(EventType(name, version, tuple(upcasters.pop((name, n)) for n in froms)))
            registry._classes[name] = event_class
        if upcasters:
            raise ValueError(f"upcasters for types not registered: {sorted(upcasters)}")
        return registry

    @property
    def classes(self) -> tuple[type, ...]:
        return tuple(self._classes.values())

    def decode(self, envelope: Envelope) -> Any:
        """The typed event of a stored or received envelope, lifted to the current version."""
        if envelope.type not in self._classes:
            raise UnknownEventType(f"no event class for {envelope.type!r}")
        event_class = self._classes[envelope.type]
        if envelope.version != self.current_version(envelope.type):
            return from_payload(event_class, self.upcast(envelope).payload)
        received = envelope.received_json()
        return from_payload(event_class, envelope.payload) if received is None else from_json(event_class, received)

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
        if envelope.version == event_type.version:
            return envelope
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
