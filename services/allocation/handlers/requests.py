"""JW315 (verzoek om toewijzing) and JW317 (verzoek om wijziging) from a provider: the request
aggregate records them for the access team's work list (domain/request_intake.py), and a JW316 /
JW318 receipt always goes out at once (OP090: within 3 working days), with retourcodes when
refused."""

from __future__ import annotations

from services.allocation.adapters.allocation_messages import details_from_person
from services.allocation.adapters.request_messages import allocation_requests, change_request, jw316, jw318
from services.allocation.adapters.retours import REJECTED
from services.allocation.context import Allocations
from services.allocation.domain.client import RecordClientDetails
from services.allocation.domain.request_decisions import ReceiveChangeRequest
from services.allocation.domain.request_intake import (
    ClientAtProvider,
    ReceiveRequests,
    Refusals,
    decide_requests,
    streams,
)
from services.allocation.handlers.allocation_steps import RECORD_DETAILS
from services.allocation.handlers.publishing import issue_message, message_key, received_on
from services.allocation.ports import AllocationPorts, AllocationWork
from shared.commands import Command
from shared.exchange.contract import MessageRouted
from shared.ijw import check
from shared.ijw.model.request import Jw315, Jw317


async def client_at_provider(ports: AllocationPorts, c: ReceiveRequests) -> ClientAtProvider:
    if not c.requests:
        return ClientAtProvider(False)
    first = c.requests[0]
    pending = await ports.requests.open_for_client(first.provider_agb, first.client_bsn)
    if not any(isinstance(r, ReceiveChangeRequest) for r in c.requests):
        return ClientAtProvider(pending)
    return ClientAtProvider(pending, await ports.allocations.of_client_at(first.client_bsn, first.provider_agb))


RECEIVE_REQUESTS: Command = Command(streams, decide_requests, client_at_provider)


async def receive_jw315(work: AllocationWork, ctx: Allocations, routed: MessageRouted, message: Jw315) -> None:
    now, codes = ctx.local_now(), None
    if not check(message):
        received = ReceiveRequests(tuple(allocation_requests(message, received_on(routed), routed.message_id)))
        codes = _codes(await ctx.commands.within(work, RECEIVE_REQUESTS, received))
        if not any(codes):
            await ctx.commands.within(work, RECORD_DETAILS, RecordClientDetails(
                message.header.receiver, message.client.person.bsn, details_from_person(message.client.person)))
    issue_message(work, ctx, message_key(routed.message_id),
                  lambda ident: jw316(message, codes, ident, now.date()), in_reply_to=routed.message_id)


async def receive_jw317(work: AllocationWork, ctx: Allocations, routed: MessageRouted, message: Jw317) -> None:
    now, code, level2 = ctx.local_now(), None, bool(check(message))
    if not level2:
        received = ReceiveRequests((change_request(message, received_on(routed), routed.message_id),))
        [code] = _codes(await ctx.commands.within(work, RECEIVE_REQUESTS, received))
    issue_message(work, ctx, message_key(routed.message_id),
                  lambda ident: jw318(message, code, level2, ident, now.date()), in_reply_to=routed.message_id)


def _codes(refusals: Refusals) -> list[str | None]:
    return [None if refused is None else refused.code or REJECTED for refused in refusals]
