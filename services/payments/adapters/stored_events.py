"""Payments' stored events as typed events: every read of the event store goes through the one
registry (domain/events.py), which lifts an older version to the current one and decodes it."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from services.payments.domain.events import registry
from shared.events.envelope import Envelope
from shared.persistence.rows import envelope_from_row

REGISTRY = registry()


def decoded(rows: Iterable[Any]) -> list[Any]:
    """Rows of the kernel's events table (every column selected) as typed events, in row order."""
    return [REGISTRY.decode(envelope_from_row(row)) for row in rows]


def decode(envelope: Envelope) -> Any:
    return REGISTRY.decode(envelope)


def is_payments(envelope: Envelope) -> bool:
    return envelope.type in REGISTRY
