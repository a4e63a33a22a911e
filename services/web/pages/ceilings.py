"""Budget ceilings per provider for controllers: each contract's ceiling for the year, what its
usage is (approved and held), its warning thresholds and the state it is in, fullest first.
The figures and the states are the payments service's (`/payments/v1/reports/ceilings`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response

from services.web.charts import UsageBar, usage_bar
from services.web.clients.payments import PaymentsClient
from services.web.context import Workbench
from services.web.formatting import euro
from services.web.pages.report_choice import ReportChoice, may_read_reports


@dataclass(frozen=True)
class CeilingRow:
    provider: str
    contract: str
    ceiling: int
    approved: int
    held: int
    used: int
    percent: int
    state: str
    """ok, warning or "op rood", as the service decided."""
    thresholds: list[int]
    reached: int | None
    bar: UsageBar

    @property
    def bar_label(self) -> str:
        """The bar's text alternative: what it shows, in words."""
        limits = " %, ".join(str(p) for p in self.thresholds)
        return (f"{self.percent} % van het plafond gebruikt: goedgekeurd {euro(self.approved)}, vastgehouden "
                f"{euro(self.held)}; grenzen bij {limits + ' % en ' if limits else ''}100 %")


@dataclass
class CeilingsView:
    choice: ReportChoice
    rows: list[CeilingRow] = field(default_factory=list)


def router(wb: Workbench) -> APIRouter:
    routes = APIRouter()

    @routes.get("/plafonds")
    async def ceilings(request: Request) -> Response:
        user = await wb.user(request)
        if not may_read_reports(user):
            return wb.render(request, "errors/not_allowed.html", None, user, status=403)
        choice = ReportChoice.of(request)
        report = await PaymentsClient(wb.api(request)).ceiling_report(choice.jaar)
        return wb.render(request, "ceilings.html", CeilingsView(choice, ceiling_rows(report["rows"])), user)

    return routes


def ceiling_rows(rows: list[dict[str, Any]]) -> list[CeilingRow]:
    found = []
    for r in rows:
        thresholds = [int(p) for p in r["warn at"].split(",") if p.strip()]
        found.append(CeilingRow(
            r["provider name"], r["contract"], r["ceiling"], r["approved"], r["held"], r["used"], r["used %"],
            r["state"], thresholds, r["threshold reached"],
            usage_bar(r["ceiling"], r["approved"], r["held"], thresholds)))
    return sorted(found, key=lambda c: (-c.used * 100 // max(1, c.ceiling), c.provider, c.contract))
