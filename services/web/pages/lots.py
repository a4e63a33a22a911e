"""Budget exhaustion per lot (perceel), for controllers and finance: per lot the region defines,
summed over the user's municipalities, the budget against what is realised, in behandeling,
committed and forecast, with a bar of the forecast against the budget and the contracts procured
under the lot. The figures are the payments service's (`/payments/v1/reports/lots`)."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response

from services.web.charts import UsageBar, usage_bar
from services.web.clients.gateway import Directory, GatewayClient
from services.web.clients.region_reports import RegionReportsClient
from services.web.context import Workbench
from services.web.formatting import euro
from services.web.pages.region_role import region_reader
from services.web.pages.region_choice import download
from services.web.pages.report_choice import ReportChoice


@dataclass(frozen=True)
class Lot:
    name: str
    municipalities: int
    budget: int
    realised: int
    pending: int
    committed: int
    forecast: int
    remaining: int
    exhaustion: int
    contracts: list[str]
    """The providers of the contracts procured under the lot, by name."""
    bar: UsageBar

    @property
    def bar_label(self) -> str:
        return (f"Prognose {self.exhaustion} % van het budget van {euro(self.budget)}: gerealiseerd "
                f"{euro(self.realised)}, verplicht {euro(self.committed)}")


@dataclass
class LotsView:
    choice: ReportChoice
    lots: list[Lot] = field(default_factory=list)

    def download(self, format: str) -> str:
        return download("percelen", format, {"jaar": self.choice.jaar})


def router(wb: Workbench) -> APIRouter:
    routes = APIRouter()

    @routes.get("/percelen")
    async def lots(request: Request) -> Response:
        user = await region_reader(wb, request)
        choice, api = ReportChoice.of(request), wb.api(request)
        report, directory = await asyncio.gather(RegionReportsClient(api).lots(choice.jaar),
                                                 GatewayClient(api).directory())
        return wb.render(request, "region/lots.html", LotsView(choice, lot_rows(report["rows"], directory)), user)

    return routes


def lot_rows(rows: list[dict[str, Any]], directory: Directory) -> list[Lot]:
    return [Lot(r["budget line name"], r["municipality count"], r["budget"], r["realised"], r["pending"],
                r["committed"], r["forecast"], r["remaining"], r["exhaustion"],
                [directory.provider(c.strip()) for c in (r["contracts"] or "").split(",") if c.strip()],
                usage_bar(r["budget"], r["realised"], r["committed"], []))
            for r in sorted(rows, key=lambda r: r["budget line name"])]
