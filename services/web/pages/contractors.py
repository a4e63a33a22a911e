"""Main contractors (hoofdaannemers) and their subcontractors (onderaannemers), for controllers
(contract managers) and finance: per main contractor what was realised in the year, of which its
own care and of which its subcontractors', and per deliverer and municipality what is realised
and what is still in behandeling. The figures are the payments service's
(`/payments/v1/reports/contractors`), for the user's own municipalities."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response

from services.web.clients.region_reports import RegionReportsClient
from services.web.context import Workbench
from services.web.pages.region_choice import download
from services.web.pages.region_role import region_reader
from services.web.pages.report_choice import ReportChoice


@dataclass(frozen=True)
class Delivery:
    deliverer: str
    """The subcontractor's name, or "eigen levering" for the main contractor's own care."""
    agb: str
    own: bool
    municipality: str
    realised: int
    pending: int


@dataclass(frozen=True)
class MainContractor:
    name: str
    agb: str
    realised: int
    own_care: int
    subcontracted: int
    deliveries: list[Delivery]

    @property
    def anchor(self) -> str:
        return f"hoofdaannemer-{self.agb}"


@dataclass
class ContractorsView:
    choice: ReportChoice
    mains: list[MainContractor] = field(default_factory=list)

    def download(self, format: str) -> str:
        return download("aannemers", format, {"jaar": self.choice.jaar})


def router(wb: Workbench) -> APIRouter:
    routes = APIRouter()

    @routes.get("/aannemers")
    async def contractors(request: Request) -> Response:
        user = await region_reader(wb, request)
        choice = ReportChoice.of(request)
        report = await RegionReportsClient(wb.api(request)).contractors(choice.jaar)
        return wb.render(request, "region/contractors.html", ContractorsView(choice, main_contractors(report)), user)

    return routes


def main_contractors(report: dict[str, Any]) -> list[MainContractor]:
    deliveries: dict[str, list[Delivery]] = {}
    for r in report["rows"]:
        own = r["subcontractor"] == r["provider"]
        deliveries.setdefault(r["provider"], []).append(Delivery(
            r["subcontractor name"], r["subcontractor"], own, r["municipality name"], r["realised"], r["pending"]))
    mains = [MainContractor(m["provider name"], m["provider"], m["realised"], m["own care"], m["subcontracted"],
                            sorted(deliveries.get(m["provider"], []), key=lambda d: (not d.own, d.deliverer,
                                                                                      d.municipality)))
             for m in report["sheets"][0]["rows"]] if report["sheets"] else []
    return sorted(mains, key=lambda m: m.name)
