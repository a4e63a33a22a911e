"""Importing the providers' client satisfaction and goal attainment, for controllers and finance
bound to every municipality of the region: a CSV file uploaded with a plain multipart form (no
script), at most 1 MB. The payments service checks the whole file (`POST /payments/v1/outcomes/
scores`): a refused file is listed problem by problem — its line, column and value, in Dutch —
and nothing of it is applied; an accepted one is, and the page shows the period's scores."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, File, Request, UploadFile
from fastapi.responses import Response

from services.web.apis import NotAllowed, Refused
from services.web.clients.region_reports import RegionReportsClient
from services.web.context import Workbench, redirect
from services.web.pages.region_role import region_reader
from services.web.pages.region_choice import PeriodChoice, period_name
from services.web.pages.report_choice import may_read_reports

MAX_BYTES = 1024 * 1024
"""The payments service's own limit on a scores file."""
NAME_LENGTH = 120


@dataclass(frozen=True)
class FileProblem:
    rule: str
    line: int | None
    column: str | None
    value: str | None
    detail: str


@dataclass
class ScoresView:
    choice: PeriodChoice
    scores: list[dict[str, Any]] = field(default_factory=list)
    errors: dict[str, str] = field(default_factory=dict)
    problems: list[FileProblem] = field(default_factory=list)
    refused_status: int | None = None
    filename: str = ""

    @property
    def query(self) -> str:
        return urlencode({k: v for k, v in self.choice.params.items() if v})


def router(wb: Workbench) -> APIRouter:
    routes = APIRouter()

    async def page(request: Request, view: ScoresView, status: int = 200) -> Response:
        user = await region_reader(wb, request)
        view.scores = (await RegionReportsClient(wb.api(request)).scores(view.choice.label))["rows"]
        return wb.render(request, "region/scores.html", view, user, status=status)

    @routes.get("/uitkomsten/scores")
    async def scores(request: Request) -> Response:
        return await page(request, ScoresView(PeriodChoice.of(request)))

    @routes.post("/uitkomsten/scores")
    async def upload(request: Request, bestand: Annotated[UploadFile | None, File()] = None) -> Response:
        if not may_read_reports(await wb.user(request)):
            raise NotAllowed(403, "these reports are for controllers and finance")
        view = ScoresView(PeriodChoice.of(request), filename=(bestand.filename or "") if bestand else "")
        content = await bestand.read(MAX_BYTES + 1) if bestand is not None else b""
        if not content:
            view.errors["bestand"] = "empty"
        elif len(content) > MAX_BYTES:
            view.errors["bestand"] = "large"
        else:
            try:
                done = await RegionReportsClient(wb.api(request)).import_scores(
                    content, (view.filename or "scores.csv")[-NAME_LENGTH:])
            except (Refused, NotAllowed) as refused:
                view.refused_status = refused.status
                view.problems = [_problem(e) for e in refused.errors]
            else:
                periods = done.get("periods") or [view.choice.label]
                return redirect(f"/uitkomsten/scores?{period_query(periods[0])}",
                                f"scores_imported:{done['imported']}/{', '.join(map(period_name, periods))}")
        return await page(request, view, view.refused_status or 422)

    return routes


def period_query(label: str) -> str:
    """The scores page for a period the file was for ('2026-K1' -> jaar=2026&kwartaal=1)."""
    year, _, quarter = label.partition("-K")
    return urlencode({"jaar": year, **({"kwartaal": quarter} if quarter else {})})


def _problem(error: dict[str, Any]) -> FileProblem:
    return FileProblem(str(error.get("rule") or ""), error.get("line"), error.get("field"), error.get("value"),
                       str(error.get("message") or ""))
