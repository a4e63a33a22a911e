"""Outcome indicators, for controllers (contract managers) and finance: for a year or a quarter,
per provider and product or per municipality (population level), how many trajectories stopped,
how many of them early (uitval), how long they ran and how many clients came back within the
region's re-entry period; beside them the satisfaction and goal attainment the providers reported.
Each row links to its cases. The figures are the payments service's
(`/payments/v1/reports/outcomes`, `/payments/v1/outcomes/scores`)."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.responses import Response

from services.web.clients.region_reports import RegionReportsClient
from services.web.context import Workbench
from services.web.pages.region_role import region_reader
from services.web.pages.region_choice import PeriodChoice, download

LEVELS = {"aanbieder": "provider", "gemeente": "municipality"}


@dataclass(frozen=True)
class IndicatorRow:
    name: str
    """The provider's or the municipality's name."""
    product: str | None
    """The product's name at provider level ("" for care without a product code)."""
    stops: int
    dropouts: int
    dropout_percent: int | None
    """Tenths of a percent."""
    mean_days: int | None
    median_days: int | None
    reentries: int
    reentry_known: int
    reentry_percent: int | None
    cases: str
    """The address of the cases behind the row."""


@dataclass
class OutcomesView:
    choice: PeriodChoice
    niveau: str
    rows: list[IndicatorRow] = field(default_factory=list)
    scores: list[dict[str, Any]] = field(default_factory=list)

    @property
    def levels(self) -> list[tuple[str, str]]:
        return [("aanbieder", "per aanbieder en product"), ("gemeente", "per gemeente")]

    def download(self, format: str) -> str:
        return download("uitkomsten", format, {**self.choice.params, "niveau": self.niveau})

    def scores_download(self, format: str) -> str:
        return download("scores", format, self.choice.params)


def router(wb: Workbench) -> APIRouter:
    routes = APIRouter()

    @routes.get("/uitkomsten")
    async def outcomes(request: Request) -> Response:
        user = await region_reader(wb, request)
        choice = PeriodChoice.of(request)
        niveau = request.query_params.get("niveau") if request.query_params.get("niveau") in LEVELS else "aanbieder"
        client = RegionReportsClient(wb.api(request))
        report, scores = await asyncio.gather(client.outcomes(choice.label, LEVELS[niveau]),
                                              client.scores(choice.label))
        view = OutcomesView(choice, niveau, indicator_rows(choice, niveau, report["rows"]), scores["rows"])
        return wb.render(request, "region/outcomes.html", view, user)

    return routes


def indicator_rows(choice: PeriodChoice, niveau: str, rows: list[dict[str, Any]]) -> list[IndicatorRow]:
    found = []
    for r in rows:
        if niveau == "gemeente":
            name, product, filters = r["municipality name"], None, {"gemeente": r["municipality"]}
        else:
            name, product = r["provider name"], r["product name"]
            filters = {"aanbieder": r["provider"], **({"product": r["product"]} if r["product"] else {})}
        cases = f"/uitkomsten/trajecten?{urlencode({k: v for k, v in {**choice.params, **filters}.items() if v})}"
        found.append(IndicatorRow(name, product, r["stops"], r["dropouts"], r["dropout %"], r["mean days"],
                                  r["median days"], r["re-entries"], r["re-entry known"], r["re-entry %"], cases))
    return sorted(found, key=lambda row: (row.name, row.product or ""))
