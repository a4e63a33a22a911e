"""Advances (voorschotten): the advances scheduled per contract and month with where each stands,
scheduling the months started by a date, and the settlement statement per provider and year —
advances paid and still open beside what was approved against them, and the balance — with its
CSV and Excel, and settling a contract's year."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from datetime import date
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Form, HTTPException, Request
from fastapi.responses import Response

from services.web.apis import Refused
from services.web.clients.gateway import Directory, GatewayClient
from services.web.clients.payment_runs import PaymentRunsClient
from services.web.context import Workbench, redirect
from services.web.formatting import MONTHS, date_from_text
from services.web.pages.finance_role import finance_user
from services.web.pages.payment_refusals import PaymentRefusal, refusal_of
from shared.clock import SystemClock

FILES = ("csv", "xlsx")
PASSED_ON = ("content-type", "content-disposition")


@dataclass
class AdvancesView:
    advances: list[dict[str, Any]]
    directory: Directory
    provider: str
    year: int
    settlements: list[dict[str, Any]] | None = None
    form: dict[str, str] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)
    refusal: PaymentRefusal | None = None

    @property
    def provider_options(self) -> list[tuple[str, str]]:
        """Providers with advances first known to the schedule; otherwise every provider."""
        codes = sorted({a["provider"] for a in self.advances}) or sorted(self.directory.providers)
        return sorted(((c, self.directory.provider(c)) for c in codes), key=lambda option: option[1])

    @property
    def year_options(self) -> list[tuple[str, str]]:
        years = {a["period_start"][:4] for a in self.advances} | {str(self.year), str(SystemClock().today().year)}
        return [(y, y) for y in sorted(years, reverse=True)]

    def file_url(self, format: str) -> str:
        return f"/voorschotten/afrekening.{format}?{urlencode({'aanbieder': self.provider, 'jaar': self.year})}"


def router(wb: Workbench) -> APIRouter:
    routes = APIRouter(prefix="/voorschotten")

    @routes.get("")
    async def advances(request: Request, aanbieder: str = "", jaar: str = "") -> Response:
        user = await finance_user(wb, request)
        return wb.render(request, "payments/advances.html", await advances_view(wb, request, aanbieder, jaar), user)

    @routes.post("/inplannen")
    async def schedule(request: Request, tot_en_met: Annotated[str, Form()] = "") -> Response:
        user = await finance_user(wb, request)
        view = await advances_view(wb, request, "", "")
        view.form["tot_en_met"] = tot_en_met.strip()
        try:
            scheduled = await PaymentRunsClient(wb.api(request)).schedule_advances(date_from_text(tot_en_met))
        except ValueError:
            view.errors["tot_en_met"] = "date" if tot_en_met.strip() else "empty"
        except Refused as refused:
            view.refusal = refusal_of(refused)
        else:
            return redirect("/voorschotten", f"advances_scheduled:{scheduled}")
        return wb.render(request, "payments/advances.html", view, user, status=view.refusal.status if view.refusal else 422)

    @routes.get("/afrekening.{format}")
    async def settlement_file(request: Request, format: str, aanbieder: str = "", jaar: str = "") -> Response:
        await finance_user(wb, request)
        if format not in FILES or not aanbieder or not jaar.isdigit():
            raise HTTPException(404)
        try:
            answer = await PaymentRunsClient(wb.api(request)).settlements(aanbieder, int(jaar), format)
        except Refused:  # an AGB or year the service does not take: no such file
            raise HTTPException(404) from None
        return Response(answer.content, headers={k: answer.headers[k] for k in PASSED_ON if k in answer.headers})

    return routes


async def advances_view(wb: Workbench, request: Request, provider: str, year: str) -> AdvancesView:
    api = wb.api(request)
    client = PaymentRunsClient(api)
    advances, directory = await asyncio.gather(client.advances(), GatewayClient(api).directory())
    chosen = int(year) if year.isdigit() and 2000 <= int(year) <= 2100 else SystemClock().today().year
    view = AdvancesView(sorted((with_month(a) for a in advances),
                               key=lambda a: (directory.provider(a["provider"]), a["contract_id"], a["period_start"])),
                        directory, provider, chosen)
    if provider:
        try:
            view.settlements = (await client.settlements(provider, chosen)).json()["rows"]
        except Refused:  # an AGB the service does not take: nothing to show for it
            view.settlements = []
    return view


def with_month(item: dict[str, Any]) -> dict[str, Any]:
    start = date.fromisoformat(item["period_start"])
    return {**item, "month": f"{MONTHS[start.month - 1]} {start.year}"}
