"""A client's particulars as known to one municipality, one stream per (gemeentecode, BSN).

A JW301 must carry the client's name, birth date, gender and contact; they come with a staff
allocation, a provider's JW315 or a municipality's own JW301. Only a change is recorded, so
giving the same particulars again appends nothing. They are personal data in the event store,
like the BSN on every allocation event: erasing them would take crypto-shredding, not a delete.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from functools import reduce
from typing import Any

from services.allocation.domain import events as ev
from services.allocation.domain.appends import appends
from shared.commands import Decision, History


def stream_id(municipality: str, client_bsn: str) -> str:
    return f"client-{municipality}-{client_bsn}"


@dataclass(frozen=True)
class Client:
    details: dict[str, Any] | None = None


def evolve(state: Client, event: object) -> Client:
    event = ev.typed(event)
    if not isinstance(event, ev.ClientDetailsRecorded):
        return state
    return Client(event.details)


def decide_record_details(municipality: str, client_bsn: str, details: dict[str, Any],
                          state: Client) -> list[ev.Event]:
    if state.details == details:
        return []
    return [ev.Event(ev.ClientDetailsRecorded(municipality, client_bsn, details), tenant=municipality)]


@dataclass(frozen=True)
class RecordClientDetails:
    """The command (shared/commands.py) a staff allocation, a JW315 or a municipality's JW301 gives."""

    municipality: str
    client_bsn: str
    details: dict[str, Any]


def streams(c: RecordClientDetails) -> list[str]:
    return [stream_id(c.municipality, c.client_bsn)]


def decide_details(c: RecordClientDetails, histories: Mapping[str, History], _: None,
                   now: datetime) -> Decision[None]:
    [stream] = streams(c)
    state = reduce(evolve, histories[stream], Client())
    return Decision(None, appends(stream, len(histories[stream]),
                                  decide_record_details(c.municipality, c.client_bsn, c.details, state)))
