"""JW315 (verzoek om toewijzing) and JW317 (verzoek om wijziging) from a provider: the request
aggregate records them for the access team's work list (domain/request_intake.py), and the
decision sends the JW316 / JW318 receipt at once (OP090: within 3 working days), with retourcodes
when refused; a message refused at level 2 records nothing and gets a header-only 0001 receipt."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime

from services.allocation.adapters.allocation_messages import details_from_person
from services.allocation.adapters.outgoing import identification_of, issued, message_key, new_message_id, sending
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
from services.allocation.handlers.routed_messages import received_on
from services.allocation.ports import AllocationPorts, AllocationWork
from shared.clock import business_day
from shared.commands import Command, Decision, History
from shared.exchange.contract import MessageRouted
from shared.ijw import check
from shared.ijw.model.request import Jw315, Jw317


@dataclass(frozen=True)
class ReceiveRequestMessage:
    """A routed JW315 or JW317 and the requests read from it (None: refused at level 2)."""

    routed_id: str
    message: Jw315 | Jw317
    received: ReceiveRequests | None
    receipt_id: str = field(default_factory=new_message_id)


def message_streams(c: ReceiveRequestMessage) -> list[str]:
    return [] if c.received is None else streams(c.received)


async def client_at_provider(ports: AllocationPorts, c: ReceiveRequestMessage) -> ClientAtProvider | None:
    if c.received is None:
        return None
    if not c.received.requests:
        return ClientAtProvider(False)
    first = c.received.requests[0]
    pending = await ports.requests.open_for_client(first.provider_agb, first.client_bsn)
    if not any(isinstance(r, ReceiveChangeRequest) for r in c.received.requests):
        return ClientAtProvider(pending)
    return ClientAtProvider(pending, await ports.allocations.of_client_at(first.client_bsn, first.provider_agb))


def decide_request_message(c: ReceiveRequestMessage, histories: Mapping[str, History],
                           facts: ClientAtProvider | None, now: datetime) -> Decision[Refusals | None]:
    """The requests decided, and the receipt naming each one's refusal, keyed with the routed
    message's status."""
    decision: Decision[Refusals | None] = Decision(None)
    if c.received is not None:
        assert facts is not None
        decision = decide_requests(c.received, histories, facts, now)
    codes = None if decision.result is None else _codes(decision.result)
    identification, today = identification_of(c.receipt_id), business_day(now)
    if isinstance(c.message, Jw315):
        receipt = jw316(c.message, codes, identification, today)
    else:
        receipt = jw318(c.message, None if codes is None else codes[0], codes is None, identification, today)
    return sending(decision, issued(message_key(c.routed_id), receipt, c.receipt_id, in_reply_to=c.routed_id))


RECEIVE_REQUEST_MESSAGE: Command = Command(message_streams, decide_request_message, client_at_provider)


async def receive_jw315(work: AllocationWork, ctx: Allocations, routed: MessageRouted, message: Jw315) -> None:
    received = None
    if not check(message):
        received = ReceiveRequests(tuple(allocation_requests(message, received_on(routed), routed.message_id)))
    refusals = await ctx.commands.within(work, RECEIVE_REQUEST_MESSAGE,
                                         ReceiveRequestMessage(routed.message_id, message, received))
    if refusals is not None and not any(refusals):
        await ctx.commands.within(work, RECORD_DETAILS, RecordClientDetails(
            message.header.receiver, message.client.person.bsn, details_from_person(message.client.person)))


async def receive_jw317(work: AllocationWork, ctx: Allocations, routed: MessageRouted, message: Jw317) -> None:
    received = None
    if not check(message):
        received = ReceiveRequests((change_request(message, received_on(routed), routed.message_id),))
    await ctx.commands.within(work, RECEIVE_REQUEST_MESSAGE, ReceiveRequestMessage(routed.message_id, message,
                                                                                  received))


def _codes(refusals: Refusals) -> list[str | None]:
    return [None if refused is None else refused.code or REJECTED for refused in refusals]
