"""A municipality's own JW301 and a provider's JW302 as commands (shared/commands.py).

A JW301 records each ToegewezenProduct version as it is (OP080) on its allocation's stream; a
version naming a JW315 by its ReferentieAanbieder (IV097, TR379) takes the request's referrer
type, and that request is honoured once the versions are decided — a refused JW301 honours
nothing, records nothing. A JW302 records the provider's outcome on every allocation of the
JW301 it answers: a fact, not a decision, so it has no decider of its own.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import datetime

from services.allocation.domain import allocation as agg
from services.allocation.domain import request as req
from services.allocation.domain.allocation_change import published
from services.allocation.domain.allocation_commands import RecordAllocationVersion
from services.allocation.domain.allocation_decisions import decide_record_version
from services.allocation.domain.events import Event, ReceiptRecorded
from services.allocation.domain.request_decisions import decide_honoured_by_jw301, requested_referrer
from services.allocation.domain.staged import Staged
from shared.clock import AMSTERDAM
from shared.commands import Decision, History

ACCEPTED, REFUSED = "accepted", "rejected"


@dataclass(frozen=True)
class RecordJw301:
    versions: tuple[agg.AllocationVersion, ...]


def jw301_streams(c: RecordJw301) -> list[str]:
    own = [agg.stream_id(v.municipality, v.number) for v in c.versions]
    return list(dict.fromkeys([*own, *[req.stream_id(v.provider_agb, v.provider_reference)
                                       for v in c.versions if _names_request(v)]]))


def decide_jw301(c: RecordJw301, histories: Mapping[str, History], _: None,
                 now: datetime) -> Decision[tuple[agg.AllocationVersion, ...]]:
    """The versions as recorded (with the referrer types found); a DomainError refuses them all."""
    local = now.astimezone(AMSTERDAM)
    requests = Staged(histories, req.evolve, req.Request())
    allocations = Staged(histories, agg.evolve, agg.Allocation())
    honoured: dict[str, list[int]] = {}
    linked = tuple(_linked(v, requests, honoured) for v in c.versions)
    for version in linked:
        stream = agg.stream_id(version.municipality, version.number)
        allocations.add(stream, decide_record_version(RecordAllocationVersion(version), allocations.state(stream),
                                                      local))
    for stream, numbers in honoured.items():
        requests.add(stream, decide_honoured_by_jw301(requests.state(stream), tuple(sorted(set(numbers))), local))
    announced = [p for stream, events in allocations.decided().items()
                 for p in published(stream, allocations.loaded(stream), events)]
    return Decision(linked, [*allocations.appends(), *requests.appends()], announced)


def _names_request(version: agg.AllocationVersion) -> bool:
    return version.provider_reference is not None and version.referrer_type is None


def _linked(version: agg.AllocationVersion, requests: Staged[req.Request],
            honoured: dict[str, list[int]]) -> agg.AllocationVersion:
    if not _names_request(version):
        return version
    assert version.provider_reference is not None
    stream = req.stream_id(version.provider_agb, version.provider_reference)
    referrer = requested_referrer(requests.state(stream), version.municipality, version.provider_agb,
                                  version.client_bsn)
    if referrer is None:
        return version
    honoured.setdefault(stream, []).append(version.number)
    return replace(version, referrer_type=referrer)


@dataclass(frozen=True)
class RecordReceipts:
    """The JW302's outcome per allocation of the JW301 it answers: the codes of its header and
    of that allocation's product (none: accepted)."""

    municipality: str
    jw301_identification: str
    codes: Mapping[int, tuple[str, ...]]


def receipt_streams(c: RecordReceipts) -> list[str]:
    return [agg.stream_id(c.municipality, number) for number in c.codes]


def decide_receipts(c: RecordReceipts, histories: Mapping[str, History], _: None, now: datetime) -> Decision[None]:
    allocations = Staged(histories, agg.evolve, agg.Allocation())
    for number, codes in c.codes.items():
        allocations.add(agg.stream_id(c.municipality, number), [Event(ReceiptRecorded(
            c.municipality, number, c.jw301_identification, REFUSED if codes else ACCEPTED, tuple(codes)),
            c.municipality)])
    return Decision(None, allocations.appends())
