"""The region's ledger with its municipalities, for controllers and finance (issue 17): per
municipality its contributions against what was spent for its clients, month by month, and the
equalisation (verevening) — what each municipality owes or receives — as of a chosen day. The
figures are the payments service's (`/payments/v1/ledger`), for the user's own municipalities."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import Response

from services.web.apis import NotFound
from services.web.clients.payments import PaymentsClient
from services.web.context import Workbench
from services.web.pages.report_choice import FORMATS, ReportChoice, may_read_reports

DOWNLOADS = {"grootboek": "ledger", "verevening": "ledger/equalisation"}


@dataclass
class LedgerView:
    choice: ReportChoice
    peildatum: str
    statements: list[dict[str, Any]] = field(default_factory=list)
    months: list[dict[str, Any]] = field(default_factory=list)
    keyed: bool = False
    not_found: bool = False

    def download(self, report: str, format: str) -> str:
        params = {"jaar": self.choice.jaar, **({"gemeente": self.choice.gemeente} if self.choice.gemeente else {}),
                  **({"peildatum": self.peildatum} if self.peildatum else {})}
        return f"/grootboek/{report}.{format}?{urlencode(params)}"


def peildatum_of(request: Request) -> str:
    """A day as `jjjj-mm-dd`, else none (today)."""
    text = request.query_params.get("peildatum", "").strip()
    try:
        return date.fromisoformat(text).isoformat() if text else ""
    except ValueError:
        return ""


def router(wb: Workbench) -> APIRouter:
    routes = APIRouter()

    @routes.get("/grootboek")
    async def ledger(request: Request) -> Response:
        user = await wb.user(request)
        if not may_read_reports(user):
            return wb.render(request, "errors/not_allowed.html", None, user, status=403)
        view = LedgerView(ReportChoice.of(request), peildatum_of(request))
        try:
            found = await PaymentsClient(wb.api(request)).ledger(view.choice.jaar, view.choice.gemeente or None,
                                                                 view.peildatum or None)
        except NotFound:
            view.not_found = True
            return wb.render(request, "ledger.html", view, user, status=404)
        view.months, view.keyed = found["rows"], bool(found["sheets"])
        view.statements = found["sheets"][0]["rows"] if found["sheets"] else []
        return wb.render(request, "ledger.html", view, user)

    @routes.get("/grootboek/{report}.{format}")
    async def download(request: Request, report: str, format: str) -> Response:
        if report not in DOWNLOADS or format not in FORMATS:
            raise HTTPException(404)
        choice, day = ReportChoice.of(request), peildatum_of(request)
        params = {"year": choice.jaar, "municipality": choice.gemeente or None, "as_of": day or None}
        answer = await PaymentsClient(wb.api(request)).financing_export(DOWNLOADS[report], params, format)
        return Response(answer.content, headers={k: answer.headers[k] for k in ("content-type", "content-disposition")
                                                 if k in answer.headers})

    return routes
