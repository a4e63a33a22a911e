"""Mapping between kernel table rows and envelopes."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any, TypeVar

from shared.events.envelope import Envelope

K = TypeVar("K")
V = TypeVar("V")


def utc(value: datetime) -> datetime:
    """SQLite hands timestamps back naive; every timestamp we store is UTC."""
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def event_row(envelope: Envelope, recorded_at: datetime) -> dict[str, Any]:
    return {
        "event_id": envelope.event_id,
        "stream_id": envelope.stream_id,
        "stream_version": envelope.stream_version,
        "type": envelope.type,
        "version": envelope.version,
        "tenant": envelope.tenant,
        "payload": envelope.writable_payload(),
        "correlation_id": envelope.correlation_id,
        "causation_id": envelope.causation_id,
        "occurred_at": utc(envelope.occurred_at),
        "recorded_at": recorded_at,
    }


def envelope_from_row(row: Any) -> Envelope:
    return Envelope(
        event_id=row.event_id,
        type=row.type,
        version=row.version,
        stream_id=row.stream_id,
        stream_version=row.stream_version,
        occurred_at=utc(row.occurred_at),
        payload=row.payload,
        tenant=row.tenant,
        correlation_id=row.correlation_id,
        causation_id=row.causation_id,
        position=row.position,
    )


def grouped(rows: Iterable[tuple[K, V]]) -> dict[K, frozenset[V]]:
    """(key, value) rows as each key's set of values."""
    found: dict[K, set[V]] = defaultdict(set)
    for key, value in rows:
        found[key].add(value)
    return {key: frozenset(values) for key, values in found.items()}
