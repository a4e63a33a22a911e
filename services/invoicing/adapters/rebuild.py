"""Rebuilding the invoicing projections by replaying its event store (design.md §3.2).

`rebuild_projections` empties `PROJECTIONS` (declarations and their lines, which are also the
exception queue) and replays the service's own events into them through the projector the
handlers use (adapters/projections.py). Not cleared: the received JW323 bodies
(declaration_bodies), an input kept as it came rather than a projection; and the reference data
the matcher reads — allocation_versions, tariffs, match_settings — which is fed by other services'
events and comes back by consuming their topics again.

It is one transaction (shared/persistence/replay.py). Stored payloads are upcast to the current version first (no upcasters yet: fields added since
version 1 are optional, and their defaults are what the projector sees for older events).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, time
from itertools import groupby
from typing import Any

from sqlalchemy.ext.asyncio import AsyncConnection

from services.invoicing.adapters.projections import project
from services.invoicing.adapters.tables import declarations, lines
from services.invoicing.domain import events as ev
from shared.events.envelope import Envelope
from shared.events.registry import EventRegistry
from shared.persistence.replay import rebuild
from shared.persistence.sql import SqlDatabase

PROJECTIONS = (declarations, lines)
BATCH = 1000


async def rebuild_projections(db: SqlDatabase, batch_size: int = BATCH) -> int:
    """Replay every event of `db` into emptied projections; how many events were read."""
    return await rebuild(db, PROJECTIONS, EventRegistry(ev.TYPES), _project_batch, batch_size)


async def _project_batch(conn: AsyncConnection, envelopes: Sequence[Envelope]) -> None:
    """Consecutive events of one stream and moment (one command's) project together, as their
    handler projected them; a group cut by the end of a read batch projects in two parts, which
    gives the same rows (the projector applies events in order)."""
    for _, group in groupby(envelopes, key=lambda e: (e.stream_id, e.occurred_at)):
        events = list(group)
        declaration_id = events[0].stream_id.removeprefix("declaration-")
        await project(conn, declaration_id, [DECODERS[e.type](e.payload) for e in events], events[0].occurred_at)


def _day(value: str | None) -> date | None:
    return None if value is None else date.fromisoformat(value)


def _line(p: dict[str, Any]) -> ev.LineRecord:
    return ev.LineRecord(**{**p, "period_begin": _day(p["period_begin"]), "period_end": _day(p["period_end"])})


def _basis(p: dict[str, Any]) -> ev.Basis:
    at = p["allocation_decided_at"]
    return ev.Basis(**{**p, "allocation_decided_on": _day(p["allocation_decided_on"]),
                       "allocation_decided_at": None if at is None else time.fromisoformat(at),
                       "tariff_valid_from": _day(p["tariff_valid_from"])})


def _findings(raw: list[dict[str, Any]]) -> tuple[ev.FindingRecord, ...]:
    return tuple(ev.FindingRecord(**f) for f in raw)


def _with(p: dict[str, Any], days: tuple[str, ...] = (), tuples: tuple[str, ...] = ()) -> dict[str, Any]:
    """The payload with the named fields back as dates and tuples."""
    return {**p, **{k: _day(p[k]) for k in days}, **{k: tuple(p[k]) for k in tuples}}


def _line_fields(p: dict[str, Any], tuples: tuple[str, ...]) -> dict[str, Any]:
    return {**_with(p, tuples=tuples), "line": _line(p["line"]), "basis": _basis(p["basis"]),
            "findings": _findings(p["findings"])}


# The inverse of events.payload, written out per type (style.md principle 5): which fields are
# dates, tuples or nested records.
DECODERS: dict[str, Callable[[dict[str, Any]], ev.Event]] = {
    ev.DeclarationReceived.TYPE: lambda p: ev.DeclarationReceived(**_with(
        p, days=("message_date", "period_begin", "period_end", "received_on", "answer_due"))),
    ev.DeclarationRejected.TYPE: lambda p: ev.DeclarationRejected(**_with(p, tuples=("codes", "violations"))),
    ev.ClientRejected.TYPE: lambda p: ev.ClientRejected(**p),
    ev.LineApproved.TYPE: lambda p: ev.LineApproved(**_line_fields(p, ("tolerances",))),
    ev.LineRejected.TYPE: lambda p: ev.LineRejected(**_line_fields(p, ("codes",))),
    ev.LineHeld.TYPE: lambda p: ev.LineHeld(**{**_line_fields(p, ("codes",)), "auto_reject_on": _day(
        p["auto_reject_on"])}),
    ev.HeldLineApproved.TYPE: lambda p: ev.HeldLineApproved(**{**p, "basis": _basis(p["basis"])}),
    ev.HeldLineRejected.TYPE: lambda p: ev.HeldLineRejected(**_with(p, tuples=("codes",))),
    ev.DeclarationAnswered.TYPE: lambda p: ev.DeclarationAnswered(**_with(
        p, days=("answered_on",), tuples=("header_codes", "declaration_codes", "rejected_references"))),
    ev.HeldLineCommented.TYPE: lambda p: ev.HeldLineCommented(**p),
    ev.HeldLineRematched.TYPE: lambda p: ev.HeldLineRematched(**{
        **_with(p, tuples=("codes",)), "basis": _basis(p["basis"]) if p.get("basis") else None}),
    ev.HeldLineClaimed.TYPE: lambda p: ev.HeldLineClaimed(**p),
    ev.HeldLineReleased.TYPE: lambda p: ev.HeldLineReleased(**p),
    ev.HeldLineFirstApproved.TYPE: lambda p: ev.HeldLineFirstApproved(**p),
}
