"""Commands and deciders for JW305 start and JW307 stop messages (monitoring only, OP364).

Each decider takes the allocation's effective version (None when the ToewijzingNummer is
unknown) as an input, to check that the message belongs to it (TR019).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from services.allocation.domain import events as ev
from services.allocation.domain.allocation import AllocationVersion
from services.allocation.domain.delivery import END_REASONS, Delivery, Episode, Stop, report_due
from services.allocation.domain.errors import RuleViolation
from services.allocation.domain.values import Product

FIRST_DELIVERY = "1"  # StatusAanlevering (COD467)
WITHDRAW = "3"


@dataclass(frozen=True)
class ReportStart:
    municipality: str
    number: int
    client_bsn: str
    provider_agb: str
    product: Product | None
    begin: date
    received_on: date
    status: str = FIRST_DELIVERY


@dataclass(frozen=True)
class ReportStop:
    municipality: str
    number: int
    client_bsn: str
    provider_agb: str
    product: Product | None
    begin: date
    end: date
    reason: str
    received_on: date
    status: str = FIRST_DELIVERY


def decide_start(command: ReportStart, state: Delivery, now: datetime,
                 allocation: AllocationVersion | None) -> list[ev.Event]:
    _check_linked(command, allocation)
    episode = state.episode(command.begin)
    if command.status == WITHDRAW:
        if episode is None:
            raise RuleViolation("TR063", "no start with this key to withdraw", "9063")
        if episode.stops:
            raise RuleViolation("TR071", "a start that was stopped cannot be withdrawn", "9071")
        return [_event(ev.DeliveryStartWithdrawn, command)]
    if episode is not None:
        raise RuleViolation("TR074", "a start with this key was already received", "9074")
    if any(e.actual for e in state.episodes):
        raise RuleViolation("TR326", "the allocated product has an actual start without a stop", "9326")
    return [_event(ev.DeliveryStarted, command, **_timeliness(command.begin, command.received_on))]


def decide_stop(command: ReportStop, state: Delivery, now: datetime,
                allocation: AllocationVersion | None) -> list[ev.Event]:
    _check_linked(command, allocation)
    if command.reason not in END_REASONS:
        raise RuleViolation("JZ588", f"unknown RedenBeeindiging {command.reason!r}", "0001")
    if command.end < command.begin:
        raise RuleViolation("HF-PERIOD", "Einddatum lies before Begindatum", "0001")
    episode = state.episode(command.begin)
    stop = Stop(command.end, command.reason)
    if command.status == WITHDRAW:
        if episode is None or stop not in episode.stops:
            raise RuleViolation("TR063", "no stop with this key to withdraw", "9063")
        return [_event(ev.DeliveryStopWithdrawn, command, end=stop.end, reason=stop.reason)]
    if episode is None:
        raise RuleViolation("TR382", "no start with the same key elements", "9069")
    _check_stop_sequence(episode, stop)
    return [_event(ev.DeliveryStopped, command, end=stop.end, reason=stop.reason,
                   temporary=stop.temporary, **_timeliness(stop.end, command.received_on))]


def _check_stop_sequence(episode: Episode, stop: Stop) -> None:
    if stop in episode.stops:
        raise RuleViolation("TR074", "a stop with this key was already received", "9074")
    if episode.definitive_stop is not None:
        raise RuleViolation("TR415", "the start already has a definitive stop", "9415")
    if stop.temporary and episode.stops:
        # Only temporary stops can precede: TR413 allows no second temporary one.
        raise RuleViolation("TR413", "after a temporary stop only a definitive stop may follow", "9413")
    if any(stop.end < earlier.end for earlier in episode.stops):
        raise RuleViolation("TR414", "Einddatum lies before that of the earlier stop", "9414")


def _check_linked(command: ReportStart | ReportStop, allocation: AllocationVersion | None) -> None:
    """TR019: a start or stop must relate to an allocation by ToewijzingNummer. We also require
    it to be this client's, at this provider, for the allocated product, and not deleted (a
    deleted allocation counts as never sent)."""
    if command.status not in (FIRST_DELIVERY, WITHDRAW):
        raise RuleViolation("CS058", "StatusAanlevering must be 1 or 3", "0001")
    linked = (
        allocation is not None and not allocation.deleted
        and (allocation.municipality, allocation.number) == (command.municipality, command.number)
        and (allocation.client_bsn, allocation.provider_agb) == (command.client_bsn, command.provider_agb)
        and allocation.product == command.product
    )
    if not linked:
        raise RuleViolation("TR019", f"no allocation {command.number} for this client, provider "
                            "and product", "9019")


def _timeliness(day: date, received_on: date) -> dict[str, Any]:
    due = report_due(day)
    return {"due": due, "late": received_on > due}


def _event(cls: type[ev.DeliveryFact], command: ReportStart | ReportStop, **fields: Any) -> ev.Event:
    return ev.Event(cls(municipality=command.municipality, allocation_number=command.number,
                        client_bsn=command.client_bsn, provider_agb=command.provider_agb, product=command.product,
                        begin=command.begin, received_on=command.received_on, **fields),
                    tenant=command.municipality)
