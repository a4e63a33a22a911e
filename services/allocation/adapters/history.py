"""An allocation's history as people read it: every event of its stream, who recorded it, and which
fields of the ToegewezenProduct each new version changed."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from services.allocation.domain import events as ev
from services.allocation.domain.allocation import version_of, version_payload
from shared.events.envelope import Envelope

COMPARED = ("client_bsn", "provider_agb", "product", "start", "end", "extent", "budget", "change_reason",
            "referrer_type", "provider_reference", "comment")
"""The version's fields a person changes; Toewijzingsdatum and -tijd differ in every version."""


@dataclass(frozen=True)
class Step:
    event: Envelope
    recorded_by: str | None
    changed: tuple[str, ...]


def steps(events: Iterable[Envelope]) -> list[Step]:
    """In stream order; a version is compared with the version recorded before it."""
    found, previous = [], None
    for event in events:
        changed: tuple[str, ...] = ()
        typed = ev.decoded(event)
        if isinstance(typed, ev.VersionEvent):
            version = version_payload(version_of(typed))
            changed = () if previous is None else _differences(previous, version)
            previous = version
        found.append(Step(event, getattr(typed, "recorded_by", None), changed))
    return found


def _differences(before: dict[str, Any], after: dict[str, Any]) -> tuple[str, ...]:
    return tuple(name for name in COMPARED if before.get(name) != after.get(name))
