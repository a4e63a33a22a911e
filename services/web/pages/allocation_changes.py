"""Changing an allocation: extend it (oprekken, RedenWijziging 04), shorten or revoke it (an end on
or before today revokes, with a RedenWijziging), or delete it (reden 13, only when it was sent in
error and no declaration on it was approved: TR385). Each change sends the provider a JW301; a
refusal shows the form again with the rule beside the field it concerns. Honouring a JW317, the
form carries the provider's ReferentieAanbieder (`?verzoek=`) into the JW301 (IV097)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import Response

from services.web.apis import Refused
from services.web.clients.allocation import AllocationClient
from services.web.context import Workbench, redirect
from services.web.form_errors import FormErrors, refused
from services.web.pages.access import allowed
from services.web.pages.allocation_detail import PATH, AllocationView, allocation_view, checked
from services.web.pages.issue_form import form_date
from shared.ijw.codelists import REDEN_WIJZIGING

ACTIONS = {"verlengen": ("extend", "extended"), "inkorten": ("shorten", "shortened"),
           "verwijderen": ("delete", "deleted")}
NOT_FOR_SHORTENING = ("01", "04", "13")  # vervallen (CS336), verlenging, verwijderd (use delete: CS335)
API_FIELDS = {"body.end": "einde", "body.reason": "reden", "body.comment": "toelichting",
              "body.provider_reference": "verzoek"}
FORM_FIELDS = {"einde", "reden", "toelichting", "verzoek"}


@dataclass
class ChangeView:
    action: str
    current: AllocationView
    values: dict[str, str]
    errors: FormErrors = field(default_factory=FormErrors)

    reasons = [(code, f"{code} {text}") for code, text in sorted(REDEN_WIJZIGING.items())
               if code not in NOT_FOR_SHORTENING]

    @property
    def allocation(self) -> Any:
        return self.current.allocation


def router(wb: Workbench) -> APIRouter:
    routes = APIRouter()

    @routes.get(PATH + "/{action}")
    async def form(request: Request, municipality: str, number: str, action: str) -> Response:
        user = await wb.user(request)
        if (refusal := allowed(wb, request, user)) is not None:
            return refusal
        current = await allocation_view(wb, request, user, municipality, number)
        values = {"verzoek": request.query_params.get("verzoek", "")[:36],
                  "einde": request.query_params.get("einde", "")[:10]}
        return wb.render(request, "access/change.html", ChangeView(_known(action), current, values), user)

    @routes.post(PATH + "/{action}")
    async def change(request: Request, municipality: str, number: str, action: str) -> Response:
        user = await wb.user(request)
        if (refusal := allowed(wb, request, user)) is not None:
            return refusal
        checked(municipality, number)
        form = await request.form()
        values = {name: str(form.get(name) or "").strip() for name in FORM_FIELDS}
        body, local = _body(_known(action), values)
        errors = FormErrors.of(local)
        if not errors:
            try:
                await AllocationClient(wb.api(request)).change(municipality, int(number), ACTIONS[action][0], body)
            except Refused as refusal_:
                errors = refused(refusal_, FORM_FIELDS, API_FIELDS)
            else:
                return redirect(PATH.format(municipality=municipality, number=number), f"{ACTIONS[action][1]}:{number}")
        current = await allocation_view(wb, request, user, municipality, number)
        return wb.render(request, "access/change.html", ChangeView(action, current, values, errors), user, status=422)

    return routes


def _known(action: str) -> str:
    if action not in ACTIONS:
        raise HTTPException(404)
    return action


def _body(action: str, values: dict[str, str]) -> tuple[dict[str, Any], dict[str, str]]:
    errors: dict[str, str] = {}
    body: dict[str, Any] = {"comment": values["toelichting"] or None}
    if action == "verwijderen":
        return body, errors
    body |= {"end": form_date(values["einde"], "einde", errors, required=True),
             "provider_reference": values["verzoek"] or None}
    if action == "inkorten":
        body["reason"] = values["reden"]
        if not values["reden"]:
            errors["reden"] = "required"
    return body, errors
