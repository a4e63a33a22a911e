"""The event envelope every store and bus carries (design.md §3.2).

An event is born as `NewEvent` (what a decider returns, no position yet) and becomes an
`Envelope` once a store has given it a place in its stream and in the global order.

The wire form is JSON written and read by msgspec, the serializer of the event payloads already
(serializer.py): a settled declaration of 10,000 lines is 5 MB of JSON, read by three consumers,
and msgspec reads and writes it several times faster than the standard library's json. A
consumer that only needs to know whether an event is its own reads `type_of` first, which
skips the payload without building it.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any

import msgspec

from shared.events.serializer import to_payload


@dataclass(frozen=True)
class NewEvent:
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
        return cls(event.TYPE, event.VERSION, to_payload(event), occurred_at, tenant=tenant,
                   causation_id=causation_id)


@dataclass(frozen=True)
class Envelope:
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
        return cls(
            event_id=event.event_id,
            type=event.type,
            version=event.version,
            stream_id=stream_id,
            stream_version=stream_version,
            occurred_at=event.occurred_at,
            payload=event.payload,
            tenant=event.tenant,
            correlation_id=event.correlation_id or event.event_id,
            causation_id=event.causation_id,
        )

    def at(self, position: int) -> Envelope:
        return replace(self, position=position)

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
                "payload": self.payload,
            }
        )

    @classmethod
    def from_json(cls, data: bytes) -> Envelope:
        raw = _DECODER.decode(data)
        return cls(
            event_id=uuid.UUID(raw["event_id"]),
            type=raw["type"],
            version=int(raw["version"]),
            stream_id=raw["stream_id"],
            stream_version=int(raw["stream_version"]),
            occurred_at=datetime.fromisoformat(raw["occurred_at"]),
            payload=raw["payload"],
            tenant=raw.get("tenant"),
            correlation_id=_uuid(raw.get("correlation_id")),
            causation_id=_uuid(raw.get("causation_id")),
        )


def type_of(data: bytes) -> str:
    """The event type of a wire-form envelope, without decoding its payload."""
    return _HEAD.decode(data).type


class _Head(msgspec.Struct):
    type: str


_ENCODER = msgspec.json.Encoder()
_DECODER = msgspec.json.Decoder()
_HEAD = msgspec.json.Decoder(_Head)


def _str(value: uuid.UUID | None) -> str | None:
    return None if value is None else str(value)


def _uuid(value: str | None) -> uuid.UUID | None:
    return None if value is None else uuid.UUID(value)
