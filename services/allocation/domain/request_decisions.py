"""Commands and deciders of the request aggregate (JW315/JW317 in, JW316/JW318/JW319 out).

A refusal of an incoming request raises `RuleViolation` whose `code` belongs in the JW316 or
JW318 retour; a refused staff answer names the JW319 sequence rule it would break.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from services.allocation.domain import events as ev
from services.allocation.domain.allocation_commands import IssueAllocation
from services.allocation.domain.errors import NotFound, RuleViolation
from services.allocation.domain.request import (
    HONOURED,
    OPEN,
    RECEIVED,
    Request,
    change_asked,
    deadlines_for,
    final_answer_due,
)
from services.allocation.domain.request_details import (
    RequestedAllocation,
    RequestedChange,
)
from services.allocation.domain.values import REFERRER_TYPES, check_agb, check_bsn, check_municipality

REJECTION_REASONS = frozenset(str(n) for n in range(1, 10))  # WJ759
WOONPLAATSBEGINSEL = "8"
CHANGE_REASONS = frozenset({"1", "2"})  # WJ758


@dataclass(frozen=True)
class ReceiveAllocationRequest:
    municipality: str
    provider_agb: str
    reference: str
    client_bsn: str
    received_on: date
    requested: RequestedAllocation
    message_id: str | None = None  # the routed JW315, for the work list


@dataclass(frozen=True)
class ReceiveChangeRequest:
    municipality: str
    provider_agb: str
    reference: str
    client_bsn: str
    received_on: date
    requested: RequestedChange
    message_id: str | None = None  # the routed JW317, for the work list


@dataclass(frozen=True)
class RecordRequestReceipt:
    provider_agb: str
    reference: str
    sent_on: date


@dataclass(frozen=True)
class PutRequestUnderInvestigation:
    provider_agb: str
    reference: str


@dataclass(frozen=True)
class RejectRequest:
    provider_agb: str
    reference: str
    reason: str
    responsible_municipality: str | None = None


@dataclass(frozen=True)
class HonourRequest:
    provider_agb: str
    reference: str
    allocation_numbers: tuple[int, ...]


def decide_receive_allocation_request(command: ReceiveAllocationRequest, state: Request, now: datetime,
                                      open_request_for_client: bool) -> list[ev.Event]:
    _check_new(command, state, open_request_for_client)
    asked = command.requested
    if asked.end is not None and asked.end < asked.start:
        raise RuleViolation("HF-PERIOD", "ToewijzingEinddatum lies before ToewijzingIngangsdatum", "0001")
    if asked.referrer.type not in REFERRER_TYPES:
        raise RuleViolation("COD327", f"unknown referrer type {asked.referrer.type!r}", "0001")
    return [_received(ev.AllocationRequested, command, asked)]


def decide_receive_change_request(command: ReceiveChangeRequest, state: Request, now: datetime,
                                  open_request_for_client: bool,
                                  current_numbers: frozenset[int]) -> list[ev.Event]:
    _check_new(command, state, open_request_for_client)
    change = command.requested
    if change.reason not in CHANGE_REASONS:
        raise RuleViolation("WJ758", f"unknown RedenVerzoek {change.reason!r}", "0001")
    if not set(change.unchanged) <= current_numbers:
        raise RuleViolation("TR350", "an unchanged product is not a current allocation", "9350")
    changed = {c.number for c in change.changes}
    if not changed <= current_numbers:
        raise RuleViolation("TR351", "a product to change is not a current allocation", "9351")
    if not current_numbers <= changed | set(change.unchanged):
        raise RuleViolation("TR349", "the request must list every current allocation", "9349")
    return [_received(ev.ChangeRequested, command, change_asked(change))]


def _check_new(command: ReceiveAllocationRequest | ReceiveChangeRequest, state: Request,
               open_request_for_client: bool) -> None:
    if state.exists:
        raise RuleViolation("TR347", f"ReferentieAanbieder {command.reference!r} was already used", "9347")
    if open_request_for_client:
        raise RuleViolation("TR374", "a request for this client at this provider is still open", "9374")
    check_municipality(command.municipality)
    check_agb(command.provider_agb)
    check_bsn(command.client_bsn)


def _received(cls: type[ev.AllocationRequested | ev.ChangeRequested],
              command: ReceiveAllocationRequest | ReceiveChangeRequest, requested: object) -> ev.Event:
    return ev.Event(cls(municipality=command.municipality, provider_agb=command.provider_agb,  # type: ignore[arg-type]
                        reference=command.reference, client_bsn=command.client_bsn,
                        received_on=command.received_on, deadlines=deadlines_for(command.received_on),
                        requested=requested, message_id=command.message_id),
                    tenant=command.municipality)


def decide_record_receipt(command: RecordRequestReceipt, state: Request, now: datetime) -> list[ev.Event]:
    request = _existing(state, command.reference)
    if request.receipt_sent_on is not None:
        return []
    late = request.deadlines is not None and command.sent_on > request.deadlines.receipt_due
    return [_answer(ev.RequestReceiptSent, request, sent_on=command.sent_on, late=late)]


def decide_investigate(command: PutRequestUnderInvestigation, state: Request,
                       now: datetime) -> list[ev.Event]:
    request = _existing(state, command.reference)
    _check_not_honoured(request)
    if request.status != RECEIVED:
        # TR360: "in onderzoek" only as the first answer to a ReferentieAanbieder.
        raise RuleViolation("TR360", "the request was already answered", "9360")
    assert request.received_on is not None
    return [_answer(ev.RequestUnderInvestigation, request, answer="2", answered_on=now.date(),
                    final_answer_due=final_answer_due(request.received_on))]


def decide_reject(command: RejectRequest, state: Request, now: datetime) -> list[ev.Event]:
    request = _existing(state, command.reference)
    _check_not_honoured(request)
    if request.status not in OPEN:
        # TR365: a second JW319 only after an "in onderzoek" one.
        raise RuleViolation("TR365", "the request was already rejected", "9365")
    _check_rejection_reason(command, request, now.date())
    return [_answer(ev.RequestRejected, request, answer="1", reason=command.reason,
                    responsible_municipality=command.responsible_municipality, answered_on=now.date())]


def _check_rejection_reason(command: RejectRequest, request: Request, today: date) -> None:
    if command.reason not in REJECTION_REASONS:
        raise RuleViolation("WJ759", f"unknown RedenAfwijzingVerzoek {command.reason!r}")
    naming = command.responsible_municipality is not None
    if (command.reason == WOONPLAATSBEGINSEL) != naming:
        raise RuleViolation("HF-WOONPLAATSBEGINSEL", "the responsible municipality is named "
                            "exactly when the reason is 8 (woonplaatsbeginsel)")
    if naming:
        check_municipality(command.responsible_municipality or "")
        if command.responsible_municipality == request.municipality:
            raise RuleViolation("HF-WOONPLAATSBEGINSEL", "the responsible municipality must be another one")
        assert request.deadlines is not None
        if today > request.deadlines.woonplaatsbeginsel_due:
            raise RuleViolation("OP359", "a woonplaatsbeginsel rejection must be sent within two "
                                "weeks of receipt; the municipality now handles the request")


def decide_honour(command: HonourRequest, state: Request, now: datetime) -> list[ev.Event]:
    request = _existing(state, command.reference)
    if request.status == HONOURED and request.allocation_numbers == command.allocation_numbers:
        return []
    if request.status not in OPEN:
        raise RuleViolation("HF-REQUEST-CLOSED", f"the request was already {request.status}")
    if not command.allocation_numbers:
        raise RuleViolation("HF-HONOUR", "honouring names the allocations issued for it")
    referrer = request.allocation.referrer.type if request.allocation else None
    return [_answer(ev.RequestHonoured, request, allocation_numbers=tuple(command.allocation_numbers),
                    referrer_type=referrer, honoured_on=now.date())]


def requested_referrer(request: Request, municipality: str, provider_agb: str, client_bsn: str) -> str | None:
    """The referrer type (COD327) of the JW315 an allocation names by its ReferentieAanbieder
    (IV097, TR379): iJw 3.2's JW301 carries no Verwijzer, so a municipality's own JW301 learns it
    from the request it honours — one of this municipality, provider and client; else none."""
    if request.allocation is None or (request.municipality, request.provider_agb, request.client_bsn) != (
            municipality, provider_agb, client_bsn):
        return None
    return request.allocation.referrer.type


def decide_honoured_by_jw301(request: Request, numbers: tuple[int, ...], now: datetime) -> list[ev.Event]:
    """The municipality's own system answered the JW315 with a JW301 (it named the request's
    ReferentieAanbieder): the request is honoured and leaves the work list. A request answered
    already (honoured, or rejected before the municipality changed its mind) stays as it was."""
    if request.allocation is None or request.status not in OPEN:
        return []
    return decide_honour(HonourRequest(request.provider_agb, request.reference, numbers), request, now)


def issue_command_for(request: Request, number: int) -> IssueAllocation:
    """The allocation that honours a JW315: it carries the ReferentieAanbieder (IV097, TR379)
    and the referrer type for referral monitoring."""
    if request.allocation is None:
        raise RuleViolation("TR379", "only a JW315 request becomes a new allocation this way")
    asked = request.allocation
    return IssueAllocation(request.municipality, number, request.client_bsn, request.provider_agb,
                           asked.product, asked.start, asked.end, asked.extent, asked.budget,
                           asked.referrer.type, request.reference, asked.comment)


def _check_not_honoured(request: Request) -> None:
    if request.status == HONOURED:
        # TR359: no JW319 once a JW301 was sent for this ReferentieAanbieder.
        raise RuleViolation("TR359", "an allocation was already sent for this request", "9359")


def _existing(state: Request, reference: str) -> Request:
    if not state.exists:
        raise NotFound(f"no request with ReferentieAanbieder {reference!r}")
    return state


def _answer(cls: type[ev.RequestAnswer], request: Request, **fields: object) -> ev.Event:
    return ev.Event(cls(municipality=request.municipality, provider_agb=request.provider_agb,  # type: ignore[arg-type]
                        reference=request.reference, client_bsn=request.client_bsn, kind=request.kind, **fields),
                    tenant=request.municipality)
