"""Referrals for controllers: per municipality, how many allocations of the year each kind of
referrer (TypeVerwijzer: gemeente, huisarts, jeugdarts, ...) gave rise to, and their share.
The counts are the payments service's (`/payments/v1/reports/referrals`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response

from services.web.clients.payments import PaymentsClient
from services.web.context import Workbench
from services.web.pages.report_choice import ReportChoice, may_read_reports


@dataclass(frozen=True)
class Cell:
    allocations: int
    share: int


@dataclass(frozen=True)
class MunicipalityRow:
    municipality: str
    cells: list[Cell | None]
    """One per referrer type of the table's columns; None where there were none."""
    total: int


@dataclass
class ReferralsView:
    choice: ReportChoice
    referrers: list[str] = field(default_factory=list)
    """The column headings: the referrer types that occur, in the code list's order."""
    rows: list[MunicipalityRow] = field(default_factory=list)


def router(wb: Workbench) -> APIRouter:
    routes = APIRouter()

    @routes.get("/verwijzingen")
    async def referrals(request: Request) -> Response:
        user = await wb.user(request)
        if not may_read_reports(user):
            return wb.render(request, "errors/not_allowed.html", None, user, status=403)
        choice = ReportChoice.of(request)
        report = await PaymentsClient(wb.api(request)).referrals(choice.jaar)
        return wb.render(request, "referrals.html", referrals_view(choice, report["rows"]), user)

    return routes


def referrals_view(choice: ReportChoice, rows: list[dict[str, Any]]) -> ReferralsView:
    types = sorted({(r["referrer type"], r["referrer"]) for r in rows})
    by_municipality: dict[str, dict[str, Cell]] = {}
    for r in rows:
        by_municipality.setdefault(r["municipality name"], {})[r["referrer type"]] = Cell(r["allocations"], r["share"])
    table = [MunicipalityRow(name, [cells.get(code) for code, _ in types], sum(c.allocations for c in cells.values()))
             for name, cells in sorted(by_municipality.items())]
    return ReferralsView(choice, [label for _, label in types], table)
