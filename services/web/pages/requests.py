"""The access team's work list of requests (JW315 verzoek om toewijzing, JW317 verzoek om
wijziging), the answer due first; one request with what the provider asked for; and the answers
that need no form of their own: put it in onderzoek (JW319 answer 2, the final answer then within
eight weeks) or reject it (JW319 answer 1, with the reason). Honouring is request_honour.py."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from datetime import date
from typing import Any
from urllib.parse import quote

from fastapi import APIRouter, Request
from fastapi.responses import Response

from services.web.apis import Refused
from services.web.clients.allocation import AllocationClient
from services.web.clients.gateway import GatewayClient
from services.web.context import Workbench, redirect
from services.web.form_errors import FormErrors, refused
from services.web.pages.access import allowed
from services.web.pages.request_detail import RequestView, request_view
from services.web.pages.request_view import RequestRow, request_row
from shared.clock import SystemClock
from shared.auth.principal import StaffPrincipal

PATH = "/verzoeken/{agb}/{reference}"
REJECT_FIELDS = {"reden", "verantwoordelijke_gemeente"}
REJECT_API = {"body.reason": "reden", "body.responsible_municipality": "verantwoordelijke_gemeente"}


@dataclass
class WorkListView:
    rows: list[RequestRow]
    everything: bool
    today: date
    overdue: int = field(init=False)

    def __post_init__(self) -> None:
        self.overdue = sum(1 for r in self.rows if r.open and r.overdue)


def router(wb: Workbench) -> APIRouter:
    routes = APIRouter()

    @routes.get("/verzoeken")
    async def work_list(request: Request, alle: str = "") -> Response:
        user = await wb.user(request)
        if (refusal := allowed(wb, request, user)) is not None:
            return refusal
        api = wb.api(request)
        found, directory = await asyncio.gather(AllocationClient(api).requests(open_only=not alle),
                                                GatewayClient(api).directory())
        today = SystemClock().today()
        rows = sorted((request_row(r, directory, today) for r in found),
                      key=lambda r: (not r.open, r.due or "9999", r.received_on))
        return wb.render(request, "access/requests.html", WorkListView(rows, bool(alle), today), user)

    @routes.get(PATH)
    async def one(request: Request, agb: str, reference: str) -> Response:
        user = await wb.user(request)
        if (refusal := allowed(wb, request, user)) is not None:
            return refusal
        return wb.render(request, "access/request.html", await request_view(wb, request, agb, reference), user)

    @routes.post(PATH + "/onderzoek")
    async def investigate(request: Request, agb: str, reference: str) -> Response:
        return await answer(request, agb, reference, {}, lambda c: c.investigate(agb, reference),
                            "request_investigated", _here(agb, reference))

    @routes.post(PATH + "/afwijzen")
    async def reject(request: Request, agb: str, reference: str) -> Response:
        form = await request.form()
        values = {name: str(form.get(name) or "").strip() for name in REJECT_FIELDS}
        if not values["reden"]:
            user = await wb.user(request)
            return await again(request, user, agb, reference, values, FormErrors.of({"reden": "required"}))
        return await answer(request, agb, reference, values,
                            lambda c: c.reject(agb, reference, values["reden"],
                                               values["verantwoordelijke_gemeente"] or None),
                            "request_rejected", "/verzoeken")

    async def answer(request: Request, agb: str, reference: str, values: dict[str, str], call: Any, done: str,
                     then: str) -> Response:
        user = await wb.user(request)
        if (refusal := allowed(wb, request, user)) is not None:
            return refusal
        try:
            await call(AllocationClient(wb.api(request)))
        except Refused as refusal_:
            return await again(request, user, agb, reference, values,
                               refused(refusal_, REJECT_FIELDS if values else set(), REJECT_API))
        return redirect(then, f"{done}:{reference}")

    async def again(request: Request, user: StaffPrincipal, agb: str, reference: str, values: dict[str, str],
                    errors: FormErrors) -> Response:
        view: RequestView = await request_view(wb, request, agb, reference)
        view.values, view.errors = values, errors
        return wb.render(request, "access/request.html", view, user, status=422)

    return routes


def _here(agb: str, reference: str) -> str:
    return f"/verzoeken/{quote(agb)}/{quote(reference)}"
