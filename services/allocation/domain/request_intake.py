"""A provider's JW315 (verzoek om toewijzing) or JW317 (verzoek om wijziging) as one command
(shared/commands.py): each requested product is decided on its request's stream with its receipt,
and the message is recorded only when nothing in it is refused. The result names each product's
refusal (None: accepted), for the JW316 / JW318 the handler's command adds to the decision.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from services.allocation.domain import events as ev
from services.allocation.domain import request as req
from services.allocation.domain.allocation import AllocationVersion
from services.allocation.domain.integration import referral_recorded
from services.allocation.domain.request_decisions import (
    ReceiveAllocationRequest,
    ReceiveChangeRequest,
    RecordRequestReceipt,
    decide_receive_allocation_request,
    decide_receive_change_request,
    decide_record_receipt,
)
from services.allocation.domain.staged import Refusals, Staged, all_or_nothing
from shared.clock import AMSTERDAM
from shared.commands import Decision, History, Publish

Received = ReceiveAllocationRequest | ReceiveChangeRequest


@dataclass(frozen=True)
class ReceiveRequests:
    """The requests of one message, all of one provider and client."""

    requests: tuple[Received, ...]


@dataclass(frozen=True)
class ClientAtProvider:
    """TR374 looks at requests before this message (its own products are one request package);
    a change request names the client's current allocations at the provider (TR349-TR351)."""

    open_request: bool
    allocations: tuple[AllocationVersion, ...] = ()


def streams(c: ReceiveRequests) -> list[str]:
    return list(dict.fromkeys(req.stream_id(r.provider_agb, r.reference) for r in c.requests))


def decide_requests(c: ReceiveRequests, histories: Mapping[str, History], facts: ClientAtProvider,
                    now: datetime) -> Decision[Refusals]:
    local = now.astimezone(AMSTERDAM)
    staged = Staged(histories, req.evolve, req.Request())

    def stage(command: Received) -> None:
        stream = req.stream_id(command.provider_agb, command.reference)
        state = staged.add(stream, _received(command, staged.state(stream), local, facts))
        staged.add(stream, decide_record_receipt(
            RecordRequestReceipt(command.provider_agb, command.reference, local.date()), state, local))

    return all_or_nothing(staged, c.requests, stage, lambda stream, e: Publish(
        referral_recorded(e.event), stream, e.tenant) if isinstance(e.event, ev.AllocationRequested) else None)


def _received(command: Received, state: req.Request, local: datetime, facts: ClientAtProvider) -> list[ev.Event]:
    if isinstance(command, ReceiveAllocationRequest):
        return decide_receive_allocation_request(command, state, local, facts.open_request)
    current = frozenset(v.number for v in facts.allocations if v.municipality == command.municipality
                        and not v.deleted and (v.end is None or v.end >= local.date()))
    return decide_receive_change_request(command, state, local, facts.open_request, current)
