"""What a provider asks for: the content of a JW315 AangevraagdProduct and of a JW317 Verzoek,
as values with their payload forms."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from services.allocation.domain.values import Extent, Product, from_iso, iso


@dataclass(frozen=True)
class Deadlines:
    receipt_due: date  # JW316/JW318: 3 working days (OP090)
    answer_due: date  # JW301 or JW319: 5 working days (ijw-3.2.md §2.1, best understanding)
    woonplaatsbeginsel_due: date  # rejection with reden 8: within two weeks (OP359)


@dataclass(frozen=True)
class Referrer:
    """Verwijzer: Type (COD327) with an optional name or AGB ZorgverlenerCode."""

    type: str
    name: str | None = None
    agb_code: str | None = None

    def to_payload(self) -> dict[str, Any]:
        return {"type": self.type, "name": self.name, "agb_code": self.agb_code}


@dataclass(frozen=True)
class RequestedAllocation:
    """JW315 AangevraagdProduct."""

    product: Product | None
    start: date
    referrer: Referrer
    end: date | None = None
    extent: Extent | None = None
    budget: int | None = None
    comment: str | None = None


@dataclass(frozen=True)
class ProductChange:
    """JW317 TeWijzigenProduct: the desired situation of a current allocation."""

    number: int
    desired_start: date
    end: date | None = None
    extent: Extent | None = None
    budget: int | None = None


@dataclass(frozen=True)
class NewProduct:
    """JW317 NieuwProduct."""

    product: Product | None
    desired_start: date
    end: date | None = None
    extent: Extent | None = None
    budget: int | None = None


@dataclass(frozen=True)
class RequestedChange:
    """JW317 Verzoek: RedenVerzoek (WJ758) and the full desired package (TR349)."""

    reason: str
    unchanged: tuple[int, ...] = ()
    changes: tuple[ProductChange, ...] = ()
    new_products: tuple[NewProduct, ...] = ()


def _extent(value: Extent | None) -> dict[str, Any] | None:
    return None if value is None else value.to_payload()


def _product(value: Product | None) -> dict[str, Any] | None:
    return None if value is None else value.to_payload()


def allocation_payload(r: RequestedAllocation) -> dict[str, Any]:
    return {"product": _product(r.product), "start": iso(r.start), "end": iso(r.end),
            "extent": _extent(r.extent), "budget": r.budget, "referrer": r.referrer.to_payload(),
            "comment": r.comment}


def change_payload(c: RequestedChange) -> dict[str, Any]:
    return {
        "reason": c.reason,
        "unchanged": list(c.unchanged),
        "changes": [{"allocation_number": x.number, "desired_start": iso(x.desired_start),
                     "end": iso(x.end), "extent": _extent(x.extent), "budget": x.budget}
                    for x in c.changes],
        "new_products": [{"product": _product(x.product), "desired_start": iso(x.desired_start),
                          "end": iso(x.end), "extent": _extent(x.extent), "budget": x.budget}
                         for x in c.new_products],
    }
