"""The controller's budget exhaustion: for one municipality and year, every budget line (perceel)
with its budget, realised, committed and forecast, and per line a chart of the months against
the budget with the same figures in a table. The figures are the payments service's
(`/payments/v1/reports/budget`); this page only arranges them."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response

from services.web.charts import BudgetChart, MonthFigures, budget_chart, cumulative
from services.web.clients.gateway import Directory, GatewayClient
from services.web.clients.payments import PaymentsClient
from services.web.context import Workbench
from services.web.pages.report_choice import ReportChoice, may_read_reports


@dataclass(frozen=True)
class BudgetLineView:
    code: str
    name: str
    budget: int
    realised: int
    committed: int
    forecast: int
    run_rate: int | None
    remaining: int
    exhaustion: int
    months: list[MonthFigures]
    chart: BudgetChart

    @property
    def anchor(self) -> str:
        return f"perceel-{self.code}"


@dataclass
class BudgetView:
    choice: ReportChoice
    directory: Directory
    municipality: str = ""
    lines: list[BudgetLineView] = field(default_factory=list)
    as_of: date = field(default_factory=date.today)

    @property
    def municipality_options(self) -> list[tuple[str, str]]:
        return sorted(self.directory.municipalities.items(), key=lambda item: item[1])


def router(wb: Workbench) -> APIRouter:
    routes = APIRouter()

    @routes.get("/budget")
    async def budget(request: Request) -> Response:
        user = await wb.user(request)
        if not may_read_reports(user):
            return wb.render(request, "errors/not_allowed.html", None, user, status=403)
        return wb.render(request, "budget.html", await budget_view(wb, request), user)

    return routes


async def budget_view(wb: Workbench, request: Request) -> BudgetView:
    api = wb.api(request)
    choice, payments = ReportChoice.of(request), PaymentsClient(api)
    if choice.gemeente:
        directory, report = await asyncio.gather(GatewayClient(api).directory(),
                                                 payments.budget(choice.jaar, choice.gemeente))
    else:  # the first of the user's municipalities by name
        directory = await GatewayClient(api).directory()
        first = min(directory.municipalities.items(), key=lambda item: item[1], default=("", ""))[0]
        choice = ReportChoice(choice.jaar, first)
        report = await payments.budget(choice.jaar, first) if first else {"rows": [], "sheets": [{"rows": []}]}
    return BudgetView(choice, directory, directory.municipality(choice.gemeente), budget_lines(report))


def budget_lines(report: dict[str, Any]) -> list[BudgetLineView]:
    months: dict[str, list[tuple[date, int, int, int]]] = {}
    for m in report["sheets"][0]["rows"]:
        months.setdefault(m["budget line"], []).append(
            (date.fromisoformat(m["month"]), m["realised"], m["committed"], m["forecast to date"]))
    lines = []
    for r in sorted(report["rows"], key=lambda r: r["budget line name"]):
        figures = cumulative(months.get(r["budget line"], []))
        lines.append(BudgetLineView(
            r["budget line"], r["budget line name"], r["budget"], r["realised"], r["committed"], r["forecast"],
            r["run rate"], r["remaining"], r["exhaustion"], figures, budget_chart(figures, r["budget"])))
    return lines
