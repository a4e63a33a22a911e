"""The event envelope every store and bus carries (design.md §3.2).

An event is born as `NewEvent` (what a decider returns, no position yet) and becomes an
`Envelope` once a store has given it a place in its stream and in the global order.

The wire form is JSON written and read by msgspec, the serializer of the event payloads already
(serializer.py): a settled declaration of 10,000 lines is 5 MB of JSON, read by three consumers,
and msgspec reads and writes it several times faster than the standard library's json. A
consumer that only needs to know whether an event is its own reads `type_of` first, which
skips the payload without building it.

A payload is made when first read, from what it came from: the typed event a decider returned
(`NewEvent.of`) or the JSON an envelope arrived in (`Envelope.from_json`). The wire form then
writes the typed event straight to JSON, and a registry decodes the JSON straight into the typed
event (registry.py): a settled declaration of 10,000 lines is never built as dicts on the way,
which cost about 25 ms at each end and at each of its consumers. Read `payload` and it is there,
a dict as before.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, TypeVar

import msgspec

from shared.events.serializer import to_payload

T = TypeVar("T")


class _DeferredPayload:
    """`payload` made from `_source` (a typed event or the raw JSON) the first time it is read."""

    def __getattr__(self, name: str) -> Any:
        # Reached only for an attribute the instance does not hold: `payload` not made yet.
        source = self.__dict__.get("_source")
        if name != "payload" or source is None:
            raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")
        payload = _DECODER.decode(source) if isinstance(source, msgspec.Raw) else to_payload(source)
        self.__dict__["payload"] = payload
        return payload

    def received_json(self) -> msgspec.Raw | None:
        """The payload's JSON as it arrived on the wire, if it did."""
        source = self.__dict__.get("_source")
        return source if isinstance(source, msgspec.Raw) else None

    def writable_payload(self) -> Any:
        """The payload as the serializer writes it: the dict if made, else what it is made from."""
        held = self.__dict__
        return held["payload"] if "payload" in held else held["_source"]


def _deferred(cls: type[T], source: Any, fields: dict[str, Any]) -> T:
    """An instance of the frozen dataclass `cls` with `fields`, its payload to come from `source`."""
    made = object.__new__(cls)
    made.__dict__.update(fields)
    made.__dict__["_source"] = source
    return made


def _changed(instance: T, **changes: Any) -> T:
    """`dataclasses.replace` that keeps a payload not made yet deferred."""
    made = object.__new__(type(instance))
    made.__dict__.update(instance.__dict__)
    made.__dict__.update(changes)
    return made


@dataclass(frozen=True)
class NewEvent(_DeferredPayload):
    type: str
    version: int
    payload: dict[str, Any]
    occurred_at: datetime
    event_id: uuid.UUID = field(default_factory=uuid.uuid4)
    tenant: str | None = None
    correlation_id: uuid.UUID | None = None
    causation_id: uuid.UUID | None = None

    @classmethod
    def of(cls, event: Any, occurred_at: datetime, tenant: str | None = None,
           causation_id: uuid.UUID | None = None) -> NewEvent:
        """A typed event (shared/events/serializer.py) as the stores and buses carry it."""
        if not hasattr(type(event), "__dataclass_fields__"):
            raise TypeError(f"{type(event).__name__} is not an event dataclass")
        return _deferred(cls, event, {"type": event.TYPE, "version": event.VERSION, "occurred_at": occurred_at,
                                      "event_id": uuid.uuid4(), "tenant": tenant, "correlation_id": None,
                                      "causation_id": causation_id})


@dataclass(frozen=True)
class Envelope(_DeferredPayload):
    event_id: uuid.UUID
    type: str
    version: int
    stream_id: str
    stream_version: int
    occurred_at: datetime
    payload: dict[str, Any]
    tenant: str | None = None
    correlation_id: uuid.UUID | None = None
    causation_id: uuid.UUID | None = None
    position: int | None = None

    @classmethod
    def of(cls, stream_id: str, stream_version: int, event: NewEvent) -> Envelope:
        fields = {"event_id": event.event_id, "type": event.type, "version": event.version,
                  "stream_id": stream_id, "stream_version": stream_version, "occurred_at": event.occurred_at,
                  "tenant": event.tenant, "correlation_id": event.correlation_id or event.event_id,
                  "causation_id": event.causation_id, "position": None}
        if "payload" in event.__dict__:
            return cls(payload=event.payload, **fields)
        return _deferred(cls, event.__dict__["_source"], fields)

    def at(self, position: int) -> Envelope:
        return _changed(self, position=position)

    def to_json(self) -> bytes:
        """The wire form on every bus: JSON with explicit type and version."""
        return _ENCODER.encode(
            {
                "event_id": str(self.event_id),
                "type": self.type,
                "version": self.version,
                "stream_id": self.stream_id,
                "stream_version": self.stream_version,
                "occurred_at": self.occurred_at.isoformat(),
                "tenant": self.tenant,
                "correlation_id": _str(self.correlation_id),
                "causation_id": _str(self.causation_id),
                "payload": self.writable_payload(),
            }
        )

    @classmethod
    def from_json(cls, data: bytes) -> Envelope:
        """The envelope of a wire form; its payload stays JSON until read (`received_json`)."""
        wire = _WIRE.decode(data)
        return _deferred(cls, wire.payload, {
            "event_id": uuid.UUID(wire.event_id), "type": wire.type, "version": wire.version,
            "stream_id": wire.stream_id, "stream_version": wire.stream_version,
            "occurred_at": datetime.fromisoformat(wire.occurred_at), "tenant": wire.tenant,
            "correlation_id": _uuid(wire.correlation_id), "causation_id": _uuid(wire.causation_id),
            "position": None})


def type_of(data: bytes) -> str:
    """The event type of a wire-form envelope, without decoding its payload."""
    return _HEAD.decode(data).type


class _Head(msgspec.Struct):
    type: str


class _Wire(msgspec.Struct):
    event_id: str
    type: str
    version: int
    stream_id: str
    stream_version: int
    occurred_at: str
    payload: msgspec.Raw
    tenant: str | None = None
    correlation_id: str | None = None
    causation_id: str | None = None


_ENCODER = msgspec.json.Encoder()
_DECODER = msgspec.json.Decoder()
_HEAD = msgspec.json.Decoder(_Head)
_WIRE = msgspec.json.Decoder(_Wire, strict=False)


def _str(value: uuid.UUID | None) -> str | None:
    return None if value is None else str(value)


def _uuid(value: str | None) -> uuid.UUID | None:
    return None if value is None else uuid.UUID(value)
