"""Lump-sum, function and availability contracts, for controllers and finance (issue 17): per
schedule the year's lump sums paid and open, the production declared under it (information
only), the balance its settlement rule gives, and its monitoring — clients in care, starts and
stops per month. Finance books the periods begun and settles a year here (plain forms,
POST-redirect-GET). Lump sums pay for several municipalities: staff of the whole region only."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Form, HTTPException, Request
from fastapi.responses import Response

from services.web.apis import NotAllowed, Refused
from services.web.clients.payments import PaymentsClient
from services.web.context import Workbench, redirect
from services.web.formatting import date_from_text
from services.web.pages.report_choice import FORMATS, ReportChoice, may_read_reports
from shared.auth.principal import Role, StaffPrincipal

@dataclass
class Schedule:
    row: dict[str, Any]
    months: list[dict[str, Any]]


@dataclass
class LumpSumsView:
    choice: ReportChoice
    schedules: list[Schedule] = field(default_factory=list)
    finance: bool = False
    errors: dict[str, str] = field(default_factory=dict)
    refusal: str = ""
    values: dict[str, str] = field(default_factory=dict)


def router(wb: Workbench) -> APIRouter:
    routes = APIRouter()

    @routes.get("/vaste-bedragen")
    async def lump_sums(request: Request) -> Response:
        user = await wb.user(request)
        return await page(request, user, LumpSumsView(ReportChoice.of(request)))

    async def page(request: Request, user: StaffPrincipal, view: LumpSumsView, status: int = 200) -> Response:
        if not may_read_reports(user):
            return wb.render(request, "errors/not_allowed.html", None, user, status=403)
        client = PaymentsClient(wb.api(request))
        try:
            found = await client.lump_sums(view.choice.jaar)
        except NotAllowed:
            return wb.render(request, "errors/not_allowed.html", None, user, status=403)
        for row in found["rows"]:
            months = await client.lump_sum_monitoring(row["schedule"], view.choice.jaar)
            view.schedules.append(Schedule(row, months["rows"]))
        view.finance = user.has(Role.FINANCE)
        return wb.render(request, "lump_sums.html", view, user, status=status)

    @routes.post("/vaste-bedragen/inplannen")
    async def schedule(request: Request, tot: Annotated[str, Form()] = "") -> Response:
        user = await wb.user(request)
        view = LumpSumsView(ReportChoice.of(request), values={"tot": tot})
        try:
            up_to = date_from_text(tot)
        except ValueError:
            return await page(request, user, replace(view, errors={"tot": "date"}), 422)
        try:
            done = await PaymentsClient(wb.api(request)).schedule_lump_sums(up_to.isoformat())
        except Refused as refused:
            return await page(request, user, replace(view, refusal=refused.message), 422)
        return redirect(f"/vaste-bedragen?{urlencode({'jaar': view.choice.jaar})}", f"lump_sums_scheduled:{done['scheduled']}")

    @routes.post("/vaste-bedragen/{schedule_id}/afrekenen")
    async def settle(request: Request, schedule_id: str, vervaldatum: Annotated[str, Form()] = "") -> Response:
        user = await wb.user(request)
        view = LumpSumsView(ReportChoice.of(request), values={"vervaldatum": vervaldatum, "schedule": schedule_id})
        try:
            due_on = date_from_text(vervaldatum)
        except ValueError:
            return await page(request, user, replace(view, errors={"vervaldatum": "date"}), 422)
        try:
            await PaymentsClient(wb.api(request)).settle_lump_sum(schedule_id, view.choice.jaar, due_on.isoformat())
        except Refused as refused:
            return await page(request, user, replace(view, refusal=refused.message), 422)
        return redirect(f"/vaste-bedragen?{urlencode({'jaar': view.choice.jaar})}", f"lump_sum_settled:{schedule_id}")

    @routes.get("/vaste-bedragen/overzicht.{format}")
    async def download(request: Request, format: str) -> Response:
        if format not in FORMATS:
            raise HTTPException(404)
        answer = await PaymentsClient(wb.api(request)).financing_export(
            "lump-sums", {"year": ReportChoice.of(request).jaar}, format)
        return Response(answer.content, headers={k: answer.headers[k] for k in ("content-type", "content-disposition")
                                                 if k in answer.headers})

    return routes

