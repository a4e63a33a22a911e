"""Tariff harmonisation, for controllers (contract managers) and finance: per product the tariffs
in force on the first of a month across the region's contracts for the user's municipalities,
their spread (lowest, median, highest, and a strip of them against the regional tariff), and what
the month's approved care would have cost at one regional tariff — per product and in total.
The figures are the payments service's (`/payments/v1/reports/tariffs`)."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response

from services.web.clients.gateway import Directory, GatewayClient
from services.web.clients.region_reports import RegionReportsClient
from services.web.context import Workbench
from services.web.formatting import euro
from services.web.pages.region_role import region_reader
from services.web.pages.region_choice import MonthChoice
from services.web.spread import SpreadChart, spread_chart
from shared.ijw.codelists import EENHEID

TOTAL = "totaal"


@dataclass(frozen=True)
class TariffInForce:
    provider: str
    contract: str
    municipalities: str
    cents: int


@dataclass(frozen=True)
class ProductTariffs:
    code: str
    name: str
    unit: str
    """Per what the tariff is, in words: uur, minuut, etmaal, ..."""
    lowest: int
    median: int
    highest: int
    regional: int
    set_by_region: bool
    """The regional tariff is the region file's own; otherwise it is the median."""
    approved: int
    at_regional: int
    difference: int
    unpriced: int
    tariffs: list[TariffInForce]
    chart: SpreadChart

    @property
    def chart_label(self) -> str:
        return (f"{len(self.tariffs)} tarieven van {euro(self.lowest)} tot {euro(self.highest)} per {self.unit}, "
                f"mediaan {euro(self.median)}; regiotarief {euro(self.regional)}")


@dataclass
class TariffsView:
    choice: MonthChoice
    products: list[ProductTariffs] = field(default_factory=list)
    total: dict[str, Any] = field(default_factory=dict)

    def download(self, format: str) -> str:
        return self.choice.download("tarieven", format)


def router(wb: Workbench) -> APIRouter:
    routes = APIRouter()

    @routes.get("/tarieven")
    async def tariffs(request: Request) -> Response:
        user = await region_reader(wb, request)
        choice, api = MonthChoice.of(request), wb.api(request)
        report, directory = await asyncio.gather(RegionReportsClient(api).tariffs(choice.first_day),
                                                 GatewayClient(api).directory())
        return wb.render(request, "region/tariffs.html", tariffs_view(choice, report, directory), user)

    return routes


def tariffs_view(choice: MonthChoice, report: dict[str, Any], directory: Directory) -> TariffsView:
    in_force: dict[str, list[TariffInForce]] = {}
    for t in report["sheets"][0]["rows"] if report["sheets"] else []:
        in_force.setdefault(t["product"], []).append(TariffInForce(
            t["provider name"], t["contract"], _municipalities(t["municipalities"], directory), t["tariff"]))
    view = TariffsView(choice)
    for r in report["rows"]:
        if r["product"] == TOTAL:
            view.total = r
            continue
        tariffs = sorted(in_force.get(r["product"], []), key=lambda t: (t.cents, t.provider))
        view.products.append(ProductTariffs(
            r["product"], r["product name"], EENHEID.get(r["unit"], r["unit"]), r["lowest"], r["median"], r["highest"],
            r["regional tariff"], r["source"] != "mediaan", r["approved"], r["at regional tariff"], r["difference"],
            r["unpriced"], tariffs, spread_chart([t.cents for t in tariffs], r["regional tariff"])))
    view.products.sort(key=lambda p: p.name)
    return view


def _municipalities(codes: str, directory: Directory) -> str:
    """'0193, 0150' -> 'Deventer, Zwolle'; a contract for the whole region says so."""
    found = [c.strip() for c in codes.split(",") if c.strip().isdigit()]
    return ", ".join(sorted(directory.municipality(c) for c in found)) if found else "hele regio"
