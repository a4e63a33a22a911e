"""Downloads of the tables on how the region buys care (issue 17): the payments service makes the
CSV and XLSX files; the workbench fetches them with the user's own session and hands them on as
they are, so a file holds exactly what the service lets this user see (and a case list's read is
in its audit log, as on the screen)."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import Response

from services.web.clients.region_reports import RegionReportsClient
from services.web.context import Workbench
from services.web.pages.region_choice import MonthChoice, PeriodChoice
from services.web.pages.report_choice import FORMATS, ReportChoice

PASSED_ON = ("content-type", "content-disposition")
FILTERS = {"aanbieder": ("provider", re.compile(r"^\d{8}$")), "product": ("product", re.compile(r"^[0-9A-Z]{5}$")),
           "gemeente": ("municipality", re.compile(r"^\d{4}$"))}
"""A case list's filters in the workbench's URL -> the API's name, and what a valid one looks like."""


def case_filters(request: Request) -> dict[str, str | None]:
    """The case list's filters as the API names them; one that cannot be valid is left out."""
    found: dict[str, str | None] = {}
    for name, (api_name, valid) in FILTERS.items():
        text = request.query_params.get(name, "").strip()
        found[api_name] = text if valid.match(text) else None
    return found


def _year(request: Request) -> dict[str, Any]:
    return {"year": ReportChoice.of(request).jaar}


def _period(request: Request) -> dict[str, Any]:
    return {"period": PeriodChoice.of(request).label}


PARAMS: dict[str, Callable[[Request], dict[str, Any]]] = {
    "aannemers": _year, "percelen": _year, "afspraken": _year, "scores": _period,
    "tarieven": lambda r: {"month": MonthChoice.of(r).first_day},
    "uitkomsten": lambda r: {**_period(r), "level": "municipality" if r.query_params.get("niveau") == "gemeente"
                             else "provider"},
    "trajecten": lambda r: {**_period(r), **case_filters(r)},
}


def router(wb: Workbench) -> APIRouter:
    routes = APIRouter()

    @routes.get("/overzichten/{report}.{format}")
    async def download(request: Request, report: str, format: str) -> Response:
        if report not in PARAMS or format not in FORMATS:
            raise HTTPException(404)
        answer = await RegionReportsClient(wb.api(request)).export(report, PARAMS[report](request), format)
        return Response(answer.content, headers={k: answer.headers[k] for k in PASSED_ON if k in answer.headers})

    return routes
