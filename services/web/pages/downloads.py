"""Downloads of the controllers' reports: the payments service makes the CSV and XLSX files
(services/payments/adapters/exports.py); the workbench fetches them with the user's own session
and hands them on as they are, so a file always holds what the service lets this user see."""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import Response

from services.web.clients.payments import PaymentsClient
from services.web.context import Workbench
from services.web.pages.report_choice import FORMATS, ReportChoice

REPORTS = {"budget": "budget", "budget-per-maand": "budget/months", "plafonds": "ceilings",
           "verwijzingen": "referrals"}
"""The download's name in the workbench's URL -> the report's path under /payments/v1/reports."""
PER_MUNICIPALITY = {"budget", "budget-per-maand"}
PASSED_ON = ("content-type", "content-disposition")


def router(wb: Workbench) -> APIRouter:
    routes = APIRouter()

    @routes.get("/download/{report}.{format}")
    async def download(request: Request, report: str, format: str) -> Response:
        if report not in REPORTS or format not in FORMATS:
            raise HTTPException(404)
        choice = ReportChoice.of(request)
        params: dict[str, object] = {"year": choice.jaar}
        if report in PER_MUNICIPALITY and choice.gemeente:
            params["municipality"] = choice.gemeente
        answer = await PaymentsClient(wb.api(request)).export(REPORTS[report], params, format)
        return Response(answer.content, headers={k: answer.headers[k] for k in PASSED_ON if k in answer.headers})

    return routes
