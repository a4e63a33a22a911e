"""One request as the access team reads it: who asked what for which client, by when it must be
answered, and — for a JW317 — the client's allocations at the provider, each with the change
asked for and the forms that make it (carrying the provider's reference)."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

from fastapi import Request

from services.web.clients.allocation import AllocationClient
from services.web.clients.gateway import GatewayClient
from services.web.context import Workbench
from services.web.form_errors import FormErrors
from services.web.formatting import short_date
from services.web.pages.allocation_view import AllocationRow, allocation_row
from services.web.pages.request_view import (
    RequestRow,
    extent_text,
    period_text,
    product_text,
    referrer_text,
    request_row,
)
from shared.clock import SystemClock
from shared.ijw.codelists import REDEN_AFWIJZING_VERZOEK, REDEN_VERZOEK


@dataclass(frozen=True)
class Asked:
    """One thing a JW317 asks: a change to a current allocation, or a new product."""

    what: str
    period: str
    extent: str
    links: list[tuple[str, str]]
    """(text, url) of the forms that make it."""


@dataclass
class RequestView:
    row: RequestRow
    raw: dict[str, Any]
    client: dict[str, Any] | None
    asked: list[tuple[str, str]] = field(default_factory=list)
    changes: list[Asked] = field(default_factory=list)
    allocations: list[AllocationRow] = field(default_factory=list)
    values: dict[str, str] = field(default_factory=dict)
    errors: FormErrors = field(default_factory=FormErrors)

    reasons = sorted(REDEN_AFWIJZING_VERZOEK.items())

    @property
    def allocation_request(self) -> bool:
        return self.raw["kind"] == "allocation"

    @property
    def may_investigate(self) -> bool:
        return self.raw["status"] == "received"

    @property
    def answer_numbers(self) -> list[int]:
        return list((self.raw.get("answer") or {}).get("allocation_numbers") or [])

    def chosen(self, allocation: AllocationRow) -> bool:
        """Checked for honouring: changed for this request already (its reference in the JW301)."""
        return allocation.provider_reference == self.row.reference


async def request_view(wb: Workbench, request: Request, agb: str, reference: str) -> RequestView:
    api = wb.api(request)
    client = AllocationClient(api)
    raw, directory, products = await asyncio.gather(client.request(agb, reference), GatewayClient(api).directory(),
                                                    client.product_names())
    found = await client.clients({"bsn": raw["client_bsn"], "municipality": raw["municipality"]})
    view = RequestView(request_row(raw, directory, SystemClock().today()), raw, found[0] if found else None)
    if view.allocation_request:
        view.asked = _allocation_asked(raw["requested"], products)
    else:
        current = await client.search({"client_bsn": raw["client_bsn"], "provider_agb": agb})
        view.allocations = [allocation_row(a, directory, products) for a in current
                            if a["municipality"] == raw["municipality"]]
        reason = raw["requested"]["reason"]
        view.asked = [("Reden van het verzoek", REDEN_VERZOEK.get(reason, reason))]
        view.changes = _changes_asked(raw, products)
    return view


def _allocation_asked(asked: dict[str, Any], products: dict[str, str]) -> list[tuple[str, str]]:
    return [("Product", product_text(asked.get("product"), products)),
            ("Periode", period_text(asked["start"], asked.get("end"))),
            ("Omvang", extent_text(asked.get("extent"), asked.get("budget"))),
            ("Verwijzer", referrer_text(asked.get("referrer"))), ("Toelichting", asked.get("comment") or "—")]


def _changes_asked(raw: dict[str, Any], products: dict[str, str]) -> list[Asked]:
    asked, municipality, reference = raw["requested"], raw["municipality"], raw["reference"]
    found = []
    for change in asked.get("changes") or []:
        number, end = change["allocation_number"], change.get("end")
        query = urlencode({"verzoek": reference, **({"einde": short_date(end)} if end else {})})
        base = f"/toewijzingen/{municipality}/{number}"
        found.append(Asked(f"Toewijzing {number} wijzigen", period_text(change["desired_start"], end),
                           extent_text(change.get("extent"), change.get("budget")),
                           [(f"Toewijzing {number} verlengen", f"{base}/verlengen?{query}"),
                            (f"Toewijzing {number} inkorten", f"{base}/inkorten?{query}")]))
    for index, new in enumerate(asked.get("new_products") or []):
        query = urlencode({"gemeente": municipality, "aanbieder": raw["provider_agb"], "verzoek": reference,
                           "nieuw": index})
        found.append(Asked(f"Nieuw: {product_text(new.get('product'), products)}",
                           period_text(new["desired_start"], new.get("end")),
                           extent_text(new.get("extent"), new.get("budget")),
                           [("Toewijzing afgeven volgens dit verzoek", f"/toewijzingen/nieuw?{query}")]))
    for number in asked.get("unchanged") or []:
        found.append(Asked(f"Toewijzing {number} blijft ongewijzigd", "—", "—", []))
    return found
