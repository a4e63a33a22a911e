"""Honouring a request. A JW315 leads into the allocation form filled in from the request: the
client, product, start and referrer are the provider's (the JW301 answers the request with them,
carrying its ReferentieAanbieder, IV097); the number, the end and the Omvang may differ from what
was asked. A JW317 is honoured by the changes made for it, named on the request's own page."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response

from services.web.apis import Refused
from services.web.clients.allocation import AllocationClient
from services.web.context import Workbench, redirect
from services.web.form_errors import FormErrors, refused
from services.web.formatting import short_date
from services.web.pages.access import allowed
from services.web.pages.issue_form import form_date
from services.web.pages.request_detail import RequestView, request_view
from services.web.pages.requests import PATH, REJECT_API
from shared.auth.principal import StaffPrincipal
from shared.ijw.codelists import EENHEID, FREQUENTIE

FIELDS = {"nummer", "einde", "volume", "frequentie", "nummers"}
API_FIELDS = {"body.allocation_numbers": "nummer", "body.end": "einde", "body.extent.volume": "volume",
              "body.extent.frequency": "frequentie", "body.extent.": "volume"}


@dataclass
class HonourView:
    request: RequestView
    values: dict[str, str]
    unit: str | None
    frequencies: list[str]
    errors: FormErrors = field(default_factory=FormErrors)

    @property
    def unit_name(self) -> str | None:
        return EENHEID.get(self.unit or "")

    @property
    def frequency_options(self) -> list[tuple[str, str]]:
        return [(code, FREQUENTIE[code]) for code in self.frequencies]


def router(wb: Workbench) -> APIRouter:
    routes = APIRouter()

    @routes.get(PATH + "/honoreren")
    async def form(request: Request, agb: str, reference: str) -> Response:
        user = await wb.user(request)
        if (refusal := allowed(wb, request, user)) is not None:
            return refusal
        view = await honour_view(wb, request, agb, reference, None)
        if not view.request.allocation_request:
            return redirect(view.request.row.url)
        return wb.render(request, "access/honour.html", view, user)

    @routes.post(PATH + "/honoreren")
    async def honour(request: Request, agb: str, reference: str) -> Response:
        user = await wb.user(request)
        if (refusal := allowed(wb, request, user)) is not None:
            return refusal
        form = await request.form()
        values = {name: str(form.get(name) or "").strip() for name in FIELDS - {"nummers"}}
        numbers = [n for n in form.getlist("nummers") if isinstance(n, str) and n.isdigit()]
        view = await honour_view(wb, request, agb, reference, values)
        body, local = _body(view, numbers)
        if local:
            return await again(request, user, view, FormErrors.of(local))
        try:
            answered = await AllocationClient(wb.api(request)).honour(agb, reference, body)
        except Refused as refusal_:
            return await again(request, user, view, refused(refusal_, FIELDS, API_FIELDS | REJECT_API))
        if view.request.allocation_request:
            number = answered["answer"]["allocation_numbers"][0]
            return redirect(f"/toewijzingen/{answered['municipality']}/{number}", f"honoured:{number}")
        return redirect("/verzoeken", f"change_honoured:{reference}")

    async def again(request: Request, user: StaffPrincipal, view: HonourView, errors: FormErrors) -> Response:
        view.errors = errors
        if view.request.allocation_request:
            return wb.render(request, "access/honour.html", view, user, status=422)
        view.request.errors = errors
        return wb.render(request, "access/request.html", view.request, user, status=422)

    return routes


async def honour_view(wb: Workbench, request: Request, agb: str, reference: str,
                      values: dict[str, str] | None) -> HonourView:
    detail = await request_view(wb, request, agb, reference)
    if not detail.allocation_request:
        return HonourView(detail, values or {}, None, [])
    asked = detail.raw["requested"]
    extent, product = asked.get("extent") or {}, asked.get("product") or {}
    contracted = await AllocationClient(wb.api(request)).contracted(agb, detail.raw["municipality"])
    offered = next((p for p in contracted if p["code"] == product.get("code")), None)
    unit = extent.get("unit") or (offered["unit"] if offered else None)
    frequencies = offered["frequencies"] if offered else sorted(FREQUENTIE)
    prefilled = {"nummer": "", "einde": short_date(asked.get("end")), "volume": str(extent.get("volume", "")),
                 "frequentie": extent.get("frequency", "")}
    return HonourView(detail, values if values is not None else prefilled, unit, frequencies)


def _body(view: HonourView, numbers: list[str]) -> tuple[dict[str, Any], dict[str, str]]:
    """JW315: the number (empty: the next free one), the end and the Omvang as granted.
    JW317: the allocations changed for it."""
    errors: dict[str, str] = {}
    if not view.request.allocation_request:
        if not numbers:
            errors["nummers"] = "required"
        return {"allocation_numbers": [int(n) for n in numbers]}, errors
    v = view.values
    body: dict[str, Any] = {"allocation_numbers": [int(v["nummer"])] if v["nummer"].isdigit() else []}
    if v["nummer"] and not v["nummer"].isdigit():
        errors["nummer"] = "number"
    if end := form_date(v["einde"], "einde", errors):
        body["end"] = end
    if v["volume"]:
        if not v["volume"].isdigit():
            errors["volume"] = "number"
        elif not v["frequentie"]:
            errors["frequentie"] = "required"
        else:
            body["extent"] = {"volume": int(v["volume"]), "unit": view.unit or "", "frequency": v["frequentie"]}
    return body, errors
