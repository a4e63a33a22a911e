"""The allocation aggregate: every version of one ToegewezenProduct, one stream per
(gemeentecode, ToewijzingNummer).

The effective version is the one with the latest Toewijzingsdatum + Toewijzingstijd, never the
one that arrived last (IV013; receipt order carries no meaning, OP080). `evolve` therefore keeps
the versions sorted by that stamp, which makes the whole state — not only the effective
version — independent of the order in which the events were appended.
"""

from __future__ import annotations

import json
from bisect import insort
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any

from services.allocation.domain import events as ev
from services.allocation.domain.values import (
    REASON_DELETED,
    Extent,
    Period,
    Product,
    from_iso,
    iso,
)

VERSION_EVENTS = frozenset(c.TYPE for c in ev.VERSION_CLASSES)


def stream_id(municipality: str, number: int) -> str:
    return f"allocation-{municipality}-{number}"


@dataclass(frozen=True)
class AllocationVersion:
    """One JW301 ToegewezenProduct version, plus who asked for it (referrer, VOT/VOW reference)."""

    municipality: str
    number: int
    client_bsn: str
    provider_agb: str
    product: Product | None
    start: date
    end: date | None
    extent: Extent | None
    budget: int | None
    change_reason: str | None
    allocated_on: date
    allocated_at: time
    referrer_type: str | None = None
    provider_reference: str | None = None
    comment: str | None = None

    @property
    def stamp(self) -> datetime:
        """IV013: the versioning key, Toewijzingsdatum + Toewijzingstijd."""
        return datetime.combine(self.allocated_on, self.allocated_at)

    @property
    def deleted(self) -> bool:
        # RedenWijziging 13: sent in error, treat as never sent (JZ002).
        return self.change_reason == REASON_DELETED

    @property
    def period(self) -> Period:
        return Period(self.start, self.end)


def version_payload(version: AllocationVersion) -> dict[str, Any]:
    return {
        "municipality": version.municipality,
        "allocation_number": version.number,
        "client_bsn": version.client_bsn,
        "provider_agb": version.provider_agb,
        "product": None if version.product is None else version.product.to_payload(),
        "start": iso(version.start),
        "end": iso(version.end),
        "extent": None if version.extent is None else version.extent.to_payload(),
        "budget": version.budget,
        "change_reason": version.change_reason,
        "allocated_on": iso(version.allocated_on),
        "allocated_at": version.allocated_at.isoformat(timespec="seconds"),
        "referrer_type": version.referrer_type,
        "provider_reference": version.provider_reference,
        "comment": version.comment,
    }


def version_from_payload(raw: dict[str, Any]) -> AllocationVersion:
    return AllocationVersion(
        municipality=raw["municipality"],
        number=int(raw["allocation_number"]),
        client_bsn=raw["client_bsn"],
        provider_agb=raw["provider_agb"],
        product=Product.from_payload(raw.get("product")),
        start=date.fromisoformat(raw["start"]),
        end=from_iso(raw.get("end")),
        extent=Extent.from_payload(raw.get("extent")),
        budget=raw.get("budget"),
        change_reason=raw.get("change_reason"),
        allocated_on=date.fromisoformat(raw["allocated_on"]),
        allocated_at=time.fromisoformat(raw["allocated_at"]),
        referrer_type=raw.get("referrer_type"),
        provider_reference=raw.get("provider_reference"),
        comment=raw.get("comment"),
    )


def version_event(cls: type[ev.VersionEvent], version: AllocationVersion) -> ev.VersionEvent:
    return cls(municipality=version.municipality, allocation_number=version.number,
               client_bsn=version.client_bsn, provider_agb=version.provider_agb, start=version.start,
               allocated_on=version.allocated_on, allocated_at=version.allocated_at, product=version.product,
               end=version.end, extent=version.extent, budget=version.budget,
               change_reason=version.change_reason, referrer_type=version.referrer_type,
               provider_reference=version.provider_reference, comment=version.comment)


def version_of(event: ev.VersionEvent) -> AllocationVersion:
    return AllocationVersion(
        event.municipality, event.allocation_number, event.client_bsn, event.provider_agb, event.product,
        event.start, event.end, event.extent, event.budget, event.change_reason, event.allocated_on,
        event.allocated_at, event.referrer_type, event.provider_reference, event.comment)


def status_of(version: AllocationVersion, today: date) -> str:
    """What a search filters on: deleted, active (no end, or ending today or later) or ended."""
    if version.deleted:
        return "deleted"
    return "active" if version.end is None or version.end >= today else "ended"


def version_order(version: AllocationVersion) -> tuple[datetime, str]:
    """Sort key: the IV013 stamp first; the canonical payload only breaks exact ties, so that
    even two (invalid) versions with one stamp resolve the same way in any arrival order."""
    return version.stamp, json.dumps(version_payload(version), sort_keys=True)


@dataclass(frozen=True)
class Allocation:
    versions: tuple[AllocationVersion, ...] = ()

    @property
    def exists(self) -> bool:
        return bool(self.versions)

    @property
    def current(self) -> AllocationVersion | None:
        """The effective version (IV013, OP080)."""
        return self.versions[-1] if self.versions else None


def evolve(state: Allocation, event: object) -> Allocation:
    event = ev.typed(event)
    if not isinstance(event, ev.VersionEvent):
        return state
    version = version_of(event)
    if version in state.versions:
        return state
    versions = list(state.versions)
    insort(versions, version, key=version_order)
    return Allocation(tuple(versions))
