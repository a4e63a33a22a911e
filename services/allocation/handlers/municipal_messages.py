"""Routed messages about allocations themselves: a municipality's own JW301 (registered exactly
like a staff-issued version, but not sent again — the gateway delivered it already) and the
provider's JW302 receipt, recorded on every allocation of the JW301 it answers."""

from __future__ import annotations

from datetime import datetime
from itertools import groupby

from services.allocation.adapters import projections
from services.allocation.adapters.allocation_messages import (
    details_from_jw301,
    receipt_from_jw302,
    versions_from_jw301,
)
from services.allocation.context import Allocations
from services.allocation.domain import allocation as agg
from services.allocation.domain.allocation_commands import RecordAllocationVersion
from services.allocation.domain.allocation_decisions import decide_record_version
from services.allocation.domain.errors import DomainError
from services.allocation.domain.events import Event, ReceiptRecorded
from services.allocation.domain.jw301_content import message_sent
from services.allocation.handlers.allocation_steps import record_jw301_sent, record_versions
from services.allocation.handlers.clients import record_client_details
from services.allocation.handlers.publishing import report_status
from services.allocation.handlers.request_links import RequestLinks
from services.allocation.handlers.streams import StagedStreams
from services.allocation.ports import AllocationWork
from shared.exchange.contract import MessageRouted
from shared.ijw.model.allocation import Jw301, Jw302

ACCEPTED, REFUSED = "accepted", "rejected"


async def record_jw301(work: AllocationWork, ctx: Allocations, routed: MessageRouted, message: Jw301) -> None:
    now = ctx.local_now()
    streams, requests = StagedStreams(work, agg.evolve, agg.Allocation()), RequestLinks(work)
    try:
        await _decide_versions(streams, await requests.with_referrers(versions_from_jw301(message)), now)
    except DomainError as refused:
        report_status(work, ctx, routed.message_id, REFUSED, str(refused))
        return
    for stream, group in groupby(streams.append_all(now), key=lambda e: e.stream_id):
        await record_versions(work, ctx, list(group), streams.loaded(stream))
    await requests.honour(now)
    await record_client_details(work, message.header.sender, message.client.bsn,
                                details_from_jw301(message.client), now)
    identification = message.header.message_id.identification
    if await work.ports.jw301s.by_identification(identification) is None:
        await record_jw301_sent(work, message_sent(identification, routed.message_id,
                                                  versions_from_jw301(message), now), now)


async def _decide_versions(streams: StagedStreams[agg.Allocation], versions: tuple[agg.AllocationVersion, ...],
                           now: datetime) -> None:
    for version in versions:
        stream = agg.stream_id(version.municipality, version.number)
        streams.add(stream, decide_record_version(RecordAllocationVersion(version), await streams.state(stream), now))


async def record_jw302(work: AllocationWork, ctx: Allocations, routed: MessageRouted, message: Jw302) -> None:
    receipt = receipt_from_jw302(message)
    answered = await work.ports.jw301s.by_identification(receipt.jw301_identification)
    if answered is None:
        report_status(work, ctx, routed.message_id, REFUSED, "JW302 answers no JW301 known here")
        return
    streams = StagedStreams(work, agg.evolve, agg.Allocation())
    for number in answered.allocation_numbers:
        codes = [*receipt.header_codes, *receipt.codes.get(number, [])]
        stream = agg.stream_id(answered.municipality, number)
        await streams.state(stream)
        streams.add(stream, [_receipt(answered.municipality, number, receipt.jw301_identification, codes)])
    await projections.project(work.ports, streams.append_all(ctx.local_now()))


def _receipt(municipality: str, number: int, identification: str, codes: list[str]) -> Event:
    """A fact, not a decision, so it has no decider: which JW302 outcome the provider sent."""
    return Event(ReceiptRecorded(municipality, number, identification, REFUSED if codes else ACCEPTED,
                                 tuple(codes)), municipality)
