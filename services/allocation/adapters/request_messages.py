"""iJw mapping for JW315 / JW317 requests, their JW316 / JW318 receipts and the JW319 answer."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from services.allocation.adapters.allocation_messages import header
from services.allocation.adapters.retours import OK, REJECTED, product_codes, return_header
from services.allocation.domain.request import Request
from services.allocation.domain.request_decisions import ReceiveAllocationRequest, ReceiveChangeRequest
from services.allocation.domain.request_details import (
    NewProduct,
    ProductChange,
    Referrer,
    RequestedAllocation,
    RequestedChange,
)
from services.allocation.domain.values import Extent, Product
from shared.ijw.model import request as jw
from shared.ijw.model.basis import Extent as JwExtent
from shared.ijw.model.basis import Product as JwProduct

REJECTED_ANSWER = "1"
UNDER_INVESTIGATION_ANSWER = "2"


def allocation_requests(message: jw.Jw315, received_on: date,
                        message_id: str | None = None) -> list[ReceiveAllocationRequest]:
    """One request per AangevraagdProduct: each has its own ReferentieAanbieder (TR347).
    `message_id` is the gateway's id of the routed message, kept for the work list."""
    client, municipality, provider = message.client, message.header.receiver, message.header.sender
    return [ReceiveAllocationRequest(municipality, provider, p.reference, client.person.bsn, received_on,
                                     _requested(p), message_id) for p in client.products]


def _requested(p: jw.RequestedProduct) -> RequestedAllocation:
    referrer = Referrer(p.referrer.kind, p.referrer.name, p.referrer.agb)
    return RequestedAllocation(_product(p.product), p.start, referrer, p.end, _extent(p.extent), p.budget,
                               p.comment)


def change_request(message: jw.Jw317, received_on: date, message_id: str | None = None) -> ReceiveChangeRequest:
    asked = message.client.request
    change = RequestedChange(
        asked.reason, tuple(u.allocation_number for u in asked.unchanged),
        tuple(ProductChange(c.allocation_number, c.desired_start, c.end, _extent(c.extent), c.budget)
              for c in asked.changed),
        tuple(NewProduct(_product(n.product), n.desired_start, n.end, _extent(n.extent), n.budget)
              for n in asked.new))
    return ReceiveChangeRequest(message.header.receiver, message.header.sender, asked.reference,
                                message.client.bsn, received_on, change, message_id)


def jw316(message: jw.Jw315, codes: list[str | None] | None, identification: str, today: date) -> jw.Jw316:
    if codes is None:
        return jw.Jw316(return_header(message.header, identification, today, (REJECTED,)))
    if not any(codes):
        return jw.Jw316(return_header(message.header, identification, today))
    products = tuple(replace(p, codes=(c,)) for p, c in zip(message.client.products, product_codes(codes)))
    return jw.Jw316(return_header(message.header, identification, today, (OK,)),
                    replace(message.client, products=products, codes=(OK,)))


def jw318(message: jw.Jw317, code: str | None, level2_failed: bool, identification: str,
          today: date) -> jw.Jw318:
    if level2_failed:
        return jw.Jw318(return_header(message.header, identification, today, (REJECTED,)))
    if code is None:
        return jw.Jw318(return_header(message.header, identification, today))
    asked = message.client.request
    # OP065: every class coded; the refusal sits on the Verzoek (TR349/350/351 concern the package).
    request = replace(asked, codes=(code,), unchanged=tuple(replace(p, codes=(OK,)) for p in asked.unchanged),
                      changed=tuple(replace(p, codes=(OK,)) for p in asked.changed),
                      new=tuple(replace(p, codes=(OK,)) for p in asked.new))
    return jw.Jw318(return_header(message.header, identification, today, (OK,)),
                    replace(message.client, request=request, codes=(OK,)))


def jw319(request: Request, answer: str, reason: str | None, responsible: str | None,
          identification: str, today: date) -> jw.Jw319:
    """VerzoekAntwoord 1 (afgewezen, with RedenAfwijzingVerzoek; reden 8 names the responsible
    municipality, OP359) or 2 (in onderzoek)."""
    return jw.Jw319(header(request.municipality, request.provider_agb, identification, today),
                    jw.Answer(request.reference, answer, reason, responsible))


def _product(value: JwProduct | None) -> Product | None:
    return None if value is None else Product(value.category, value.code)


def _extent(value: JwExtent | None) -> Extent | None:
    return None if value is None else Extent(value.volume, value.unit, value.frequency)
