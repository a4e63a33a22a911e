"""iJw mapping for JW305 start / JW307 stop and their JW306 / JW308 retours."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from services.allocation.adapters.retours import OK, REJECTED, product_codes, return_header
from services.allocation.domain.delivery_decisions import ReportStart, ReportStop
from services.allocation.domain.values import Product
from shared.ijw.model.basis import Product as JwProduct
from shared.ijw.model.delivery import Jw305, Jw306, Jw307, Jw308

NO_NUMBER = -1  # a taakgericht start without ToewijzingNummer links to nothing here (TR019)


def starts_from_jw305(message: Jw305, received_on: date) -> list[ReportStart]:
    person, municipality, provider = message.client.person, message.header.receiver, message.header.sender
    return [ReportStart(municipality, _number(p.allocation_number), person.bsn, provider, _product(p.product),
                        p.start, received_on, p.status) for p in message.client.products]


def stops_from_jw307(message: Jw307, received_on: date) -> list[ReportStop]:
    person, municipality, provider = message.client.person, message.header.receiver, message.header.sender
    return [ReportStop(municipality, _number(p.allocation_number), person.bsn, provider, _product(p.product),
                       p.start, p.end, p.reason, received_on, p.status) for p in message.client.products]


def jw306(message: Jw305, codes: list[str | None] | None, identification: str, today: date) -> Jw306:
    """`codes` per StartProduct (None = no remark); None for a level-2 failure (0001)."""
    if codes is None:
        return Jw306(return_header(message.header, identification, today, (REJECTED,)))
    header = return_header(message.header, identification, today, () if not any(codes) else (OK,))
    if not any(codes):
        return Jw306(header)
    products = tuple(replace(p, codes=(c,)) for p, c in zip(message.client.products, product_codes(codes)))
    return Jw306(header, replace(message.client, products=products, codes=(OK,)))


def jw308(message: Jw307, codes: list[str | None] | None, identification: str, today: date) -> Jw308:
    if codes is None:
        return Jw308(return_header(message.header, identification, today, (REJECTED,)))
    header = return_header(message.header, identification, today, () if not any(codes) else (OK,))
    if not any(codes):
        return Jw308(header)
    products = tuple(replace(p, codes=(c,)) for p, c in zip(message.client.products, product_codes(codes)))
    return Jw308(header, replace(message.client, products=products, codes=(OK,)))


def _number(value: int | None) -> int:
    return NO_NUMBER if value is None else value


def _product(value: JwProduct | None) -> Product | None:
    return None if value is None else Product(value.category, value.code)
