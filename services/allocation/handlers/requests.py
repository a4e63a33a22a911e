"""JW315 (verzoek om toewijzing) and JW317 (verzoek om wijziging) from a provider: the request
aggregate records them for the access team's work list, and a JW316 / JW318 receipt always goes
out at once (OP090: within 3 working days), with retourcodes when refused."""

from __future__ import annotations

from datetime import datetime

from services.allocation.adapters import projections
from services.allocation.adapters.allocation_messages import details_from_person
from services.allocation.domain.integration import referral_recorded
from services.allocation.adapters.request_messages import allocation_requests, change_request, jw316, jw318
from services.allocation.adapters.retours import REJECTED
from services.allocation.context import Allocations
from services.allocation.domain import events as ev
from services.allocation.domain import request as req
from services.allocation.domain.errors import RuleViolation
from services.allocation.domain.request_decisions import (
    RecordRequestReceipt,
    decide_receive_allocation_request,
    decide_receive_change_request,
    decide_record_receipt,
)
from services.allocation.handlers.clients import record_client_details
from services.allocation.handlers.publishing import issue_message, message_key, publish, received_on
from services.allocation.handlers.streams import StagedStreams
from services.allocation.ports import AllocationWork
from shared.exchange.contract import MessageRouted
from shared.ijw import check
from shared.ijw.model.request import Jw315, Jw317


async def receive_jw315(work: AllocationWork, ctx: Allocations, routed: MessageRouted, message: Jw315) -> None:
    now, codes = ctx.local_now(), None
    if not check(message):
        streams = StagedStreams(work, req.evolve, req.Request())
        codes = await _decide_requests(work, streams, message, routed, now)
        if not any(codes):
            await _record(work, ctx, streams, now)
            await record_client_details(work, message.header.receiver, message.client.person.bsn,
                                        details_from_person(message.client.person), now)
    issue_message(work, ctx, message_key(routed.message_id),
                  lambda ident: jw316(message, codes, ident, now.date()), in_reply_to=routed.message_id)


async def _decide_requests(work: AllocationWork, streams: StagedStreams[req.Request], message: Jw315,
                           routed: MessageRouted, now: datetime) -> list[str | None]:
    # TR374 looks at requests before this message: its own products are one request package.
    pending = await work.ports.requests.open_for_client(message.header.sender, message.client.person.bsn)
    codes: list[str | None] = []
    for command in allocation_requests(message, received_on(routed), routed.message_id):
        stream = req.stream_id(command.provider_agb, command.reference)
        try:
            state = streams.add(stream, decide_receive_allocation_request(
                command, await streams.state(stream), now, pending))
            streams.add(stream, decide_record_receipt(
                RecordRequestReceipt(command.provider_agb, command.reference, now.date()), state, now))
            codes.append(None)
        except RuleViolation as refused:
            codes.append(refused.code or REJECTED)
    return codes


async def receive_jw317(work: AllocationWork, ctx: Allocations, routed: MessageRouted, message: Jw317) -> None:
    now, code, level2 = ctx.local_now(), None, bool(check(message))
    if not level2:
        streams = StagedStreams(work, req.evolve, req.Request())
        try:
            await _decide_change(work, streams, message, routed, now)
            await _record(work, ctx, streams, now)
        except RuleViolation as refused:
            code = refused.code or REJECTED
    issue_message(work, ctx, message_key(routed.message_id),
                  lambda ident: jw318(message, code, level2, ident, now.date()), in_reply_to=routed.message_id)


async def _decide_change(work: AllocationWork, streams: StagedStreams[req.Request], message: Jw317,
                         routed: MessageRouted, now: datetime) -> None:
    command = change_request(message, received_on(routed), routed.message_id)
    stream = req.stream_id(command.provider_agb, command.reference)
    current = await _current_numbers(work, command.municipality, command.client_bsn, command.provider_agb, now)
    pending = await work.ports.requests.open_for_client(command.provider_agb, command.client_bsn)
    state = streams.add(stream, decide_receive_change_request(command, await streams.state(stream), now, pending,
                                                              current))
    streams.add(stream, decide_record_receipt(
        RecordRequestReceipt(command.provider_agb, command.reference, now.date()), state, now))


async def _current_numbers(work: AllocationWork, municipality: str, bsn: str, agb: str, now: datetime) -> frozenset[int]:
    versions = await work.ports.allocations.of_client_at(bsn, agb)
    return frozenset(v.number for v in versions if v.municipality == municipality and not v.deleted
                     and (v.end is None or v.end >= now.date()))


async def _record(work: AllocationWork, ctx: Allocations, streams: StagedStreams[req.Request], now: datetime) -> None:
    appended = streams.append_all(now)
    await projections.project(work.ports, appended)
    for envelope in appended:
        if isinstance(requested := ev.decoded(envelope), ev.AllocationRequested):
            publish(work, ctx, envelope, referral_recorded(requested))
