"""The cases behind the outcome indicators, for controllers and finance: one trajectory per row —
the allocation number and a pseudonym for the client, never a BSN — with its dates, the reason it
ended (JZ588, by name), its length, and whether it counts as dropout or re-entry. Filtered by
provider and product or by municipality, as the indicator row it was opened from. The payments
service (`/payments/v1/reports/outcomes/cases`) writes every read in its audit log."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response

from services.web.clients.region_reports import RegionReportsClient
from services.web.context import Workbench
from services.web.pages.region_role import region_reader
from services.web.pages.region_choice import PeriodChoice, download
from services.web.pages.region_downloads import case_filters
from shared.ijw.codelists import REDEN_BEEINDIGING

FILTER_NAMES = {"provider": "aanbieder", "product": "product", "municipality": "gemeente"}


@dataclass(frozen=True)
class CaseRow:
    allocation: int
    client: str
    municipality: str
    provider: str
    product: str
    begin: str
    end: str
    reason: str
    reason_name: str
    days: int
    dropout: bool
    reentry: str
    """ja, nee, or "nog open" while the re-entry period runs."""


@dataclass
class CasesView:
    choice: PeriodChoice
    filters: dict[str, str | None]
    rows: list[CaseRow] = field(default_factory=list)

    @property
    def subject(self) -> str:
        """What the list is of, in words: the provider and product, or the municipality."""
        first = self.rows[0] if self.rows else None
        parts = [first.provider if first and self.filters.get("provider") else None,
                 first.product if first and self.filters.get("product") else None,
                 first.municipality if first and self.filters.get("municipality") else None]
        return ", ".join(p for p in parts if p)

    def download(self, format: str) -> str:
        wanted = {FILTER_NAMES[k]: v for k, v in self.filters.items() if v}
        return download("trajecten", format, {**self.choice.params, **wanted})


def router(wb: Workbench) -> APIRouter:
    routes = APIRouter()

    @routes.get("/uitkomsten/trajecten")
    async def cases(request: Request) -> Response:
        user = await region_reader(wb, request)
        choice, filters = PeriodChoice.of(request), case_filters(request)
        report = await RegionReportsClient(wb.api(request)).cases(choice.label, filters)
        return wb.render(request, "region/cases.html", CasesView(choice, filters, case_rows(report["rows"])), user)

    return routes


def case_rows(rows: list[dict[str, Any]]) -> list[CaseRow]:
    return [CaseRow(r["allocation"], r["client"], r["municipality name"], r["provider name"], r["product name"] or "",
                    r["begin"], r["end"], r["reason"], REDEN_BEEINDIGING.get(r["reason"], "onbekende reden"), r["days"],
                    r["dropout"] == "ja", r["re-entry"]) for r in rows]
