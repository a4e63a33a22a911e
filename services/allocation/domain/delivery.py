"""JW305 start and JW307 stop of an allocated product: one stream per (gemeentecode,
ToewijzingNummer).

Monitoring only: a missing or late start/stop, or its dates, never influences matching
(OP364). Invoicing must not read these events for its decisions; they feed referral and
delivery monitoring. A refused message raises `RuleViolation` with the retourcode for the
JW306/JW308 retour.

Keys (IV096/S8): a start is identified by Bsn + ToewijzingNummer + Product + Begindatum; within
this stream only Begindatum varies. A stop adds RedenBeeindiging + Einddatum.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from services.allocation.domain import events as ev
from services.allocation.domain.allocation import AllocationVersion
from shared.working_days import add_working_days

TEMPORARY = "20"  # JZ588: levering tijdelijk beëindigd
END_REASONS = frozenset({"02", "20", "31", "32", "33", "34", "35", "36", "37", "38", "39"})
REPORT_WITHIN_WORKING_DAYS = 5  # JW305/JW307: within 5 working days (ijw-3.2.md §2.1)


def stream_id(municipality: str, number: int) -> str:
    return f"delivery-{municipality}-{number}"


@dataclass(frozen=True)
class Stop:
    end: date
    reason: str

    @property
    def temporary(self) -> bool:
        return self.reason == TEMPORARY


@dataclass(frozen=True)
class Episode:
    """One start and the stops reported against it."""

    begin: date
    stops: tuple[Stop, ...] = ()

    @property
    def actual(self) -> bool:
        # TR326: a start is "actual" until any stop has been sent for it.
        return not self.stops

    @property
    def definitive_stop(self) -> Stop | None:
        return next((stop for stop in self.stops if not stop.temporary), None)


@dataclass(frozen=True)
class Delivery:
    episodes: tuple[Episode, ...] = ()

    def episode(self, begin: date) -> Episode | None:
        return next((e for e in self.episodes if e.begin == begin), None)


def report_due(day: date) -> date:
    return add_working_days(day, REPORT_WITHIN_WORKING_DAYS)


def stop_overdue(delivery: Delivery, allocation: AllocationVersion, today: date) -> bool:
    """OP288: a stop is also due when delivery ends with the allocation's Einddatum. True when
    a start has neither stop nor temporary stop five working days after that date."""
    if allocation.end is None:
        return False
    return any(e.actual for e in delivery.episodes) and report_due(allocation.end) < today


def evolve(state: Delivery, event: object) -> Delivery:
    event = ev.typed(event)
    if isinstance(event, ev.DeliveryStarted):
        episodes = sorted((*state.episodes, Episode(event.begin)), key=lambda e: e.begin)
        return Delivery(tuple(episodes))
    if isinstance(event, ev.DeliveryStartWithdrawn):
        return Delivery(tuple(e for e in state.episodes if e.begin != event.begin))
    if isinstance(event, ev.DeliveryStopped | ev.DeliveryStopWithdrawn):
        stop = Stop(event.end, event.reason)
        return Delivery(tuple(_with_stop(e, event, stop) for e in state.episodes))
    return state


def _with_stop(episode: Episode, event: ev.DeliveryStopped | ev.DeliveryStopWithdrawn, stop: Stop) -> Episode:
    if episode.begin != event.begin:
        return episode
    if isinstance(event, ev.DeliveryStopped):
        return replace(episode, stops=(*episode.stops, stop))
    return replace(episode, stops=tuple(s for s in episode.stops if s != stop))
