"""OP087: which allocations one JW301 to a provider must hold for one client.

A JW301 always carries the complete picture for the client at that provider: every allocation
that is still current on the message date, plus every allocation changed since the previous
JW301 (so that a shortened or deleted one is announced even when it no longer runs). Every
JW301 sent is recorded as an event on its own stream, whoever sent it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime

from services.allocation.domain import events as ev
from services.allocation.domain.allocation import AllocationVersion
from services.allocation.domain.appends import appends
from shared.commands import Decision, History


def jw301_allocations(
    allocations: Iterable[AllocationVersion],
    municipality: str,
    client_bsn: str,
    provider_agb: str,
    message_date: date,
    previous_jw301_at: datetime | None = None,
) -> tuple[AllocationVersion, ...]:
    """The effective versions a JW301 must contain, ordered by ToewijzingNummer (OP087).

    `allocations` are effective versions (`Allocation.current`) of any clients and providers;
    `previous_jw301_at` is when the previous JW301 for this client and provider was made (None
    when there was none), compared with the versions' Toewijzingsdatum + Toewijzingstijd.
    """
    chosen = [
        v for v in allocations
        if (v.municipality, v.client_bsn, v.provider_agb) == (municipality, client_bsn, provider_agb)
        and (_current_on(v, message_date) or _changed_since(v, previous_jw301_at))
    ]
    return tuple(sorted(chosen, key=lambda v: v.number))


def _current_on(version: AllocationVersion, day: date) -> bool:
    return not version.deleted and (version.end is None or version.end >= day)


def _changed_since(version: AllocationVersion, previous: datetime | None) -> bool:
    return previous is not None and version.stamp > previous.replace(tzinfo=None)


def message_stream_id(identification: str) -> str:
    return f"jw301-{identification}"


def message_sent(identification: str, message_id: str, versions: tuple[AllocationVersion, ...],
                 made_at: datetime) -> ev.Event:
    """A JW301 holding `versions` (one client, provider and municipality) went out; `made_at` is
    Dutch local time, compared with Toewijzingsdatum + Toewijzingstijd."""
    first = versions[0]
    return ev.Event(ev.AllocationMessageSent(
        identification, message_id, first.municipality, first.client_bsn, first.provider_agb,
        tuple(v.number for v in versions), made_at.replace(tzinfo=None)), tenant=first.municipality)


@dataclass(frozen=True)
class RecordJw301Sent:
    """A JW301 went out (or came in from a municipality) holding `versions`; `made_at` in Dutch
    local time."""

    identification: str
    message_id: str
    versions: tuple[AllocationVersion, ...]
    made_at: datetime


def sent_streams(_: object) -> list[str]:
    """Nothing to load: the stream of a JW301 sent is new by definition."""
    return []


def decide_sent(c: RecordJw301Sent, histories: Mapping[str, History], _: None, now: datetime) -> Decision[None]:
    """A new stream per BerichtIdentificatie (expected version 0): a reused one (TR056) fails the
    transaction."""
    sent = message_sent(c.identification, c.message_id, c.versions, c.made_at)
    return Decision(None, appends(message_stream_id(c.identification), 0, [sent]))
