"""The lawfulness evidence (rechtmatigheid) for controllers and auditors: per municipality and
year, as of a date, the totals per criterion against the reporting threshold, the overrides, and
from any total the lines behind it; the workbook as a download. The choice is a plain GET form
(the URL is the state)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, replace
from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.responses import Response

from services.web.clients.gateway import Directory, GatewayClient
from services.web.clients.lawfulness import LawfulnessClient
from services.web.context import Workbench
from services.web.formatting import date_from_text
from services.web.navigation import SCREENS, sees
from shared.clock import SystemClock
from shared.auth.principal import StaffPrincipal

PER_PAGE = 50
SCREEN = next(s for s in SCREENS if s.path == "/rechtmatigheid")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CRITERIA = ("budget", "conditions", "misuse")
REGION, REGION_NAME = "regio", "Regiobrede contracten"
STATUSES = ("lawful", "uncertain", "unlawful")


@dataclass(frozen=True)
class Choice:
    gemeente: str = ""
    jaar: str = ""
    peildatum: str = ""
    criterium: str = ""
    status: str = ""
    reden: str = ""
    pagina: int = 1

    @classmethod
    def of(cls, request: Request) -> Choice:
        q = request.query_params
        page = q.get("pagina", "1")
        return cls(q.get("gemeente", "").strip()[:5], q.get("jaar", "").strip()[:4], q.get("peildatum", "").strip()[:10],
                   q.get("criterium", "") if q.get("criterium") in CRITERIA else "",
                   q.get("status", "") if q.get("status") in STATUSES else "", q.get("reden", "").strip()[:40],
                   int(page) if page.isdigit() and 0 < int(page) < 10_000 else 1)

    def api_params(self) -> tuple[dict[str, Any], dict[str, str]]:
        errors: dict[str, str] = {}
        if not (self.jaar.isdigit() and 2000 <= int(self.jaar) <= 2100):
            errors["jaar"] = "year"
        try:
            as_of = date_from_text(self.peildatum).isoformat() if self.peildatum else None
        except ValueError:
            errors["peildatum"] = "date"
            as_of = None
        return {"municipality": self.gemeente, "year": self.jaar, "as_of": as_of}, errors

    def url(self, path: str = "/rechtmatigheid", **changes: Any) -> str:
        chosen = {k: v for k, v in asdict(replace(self, **changes)).items() if v not in ("", 1)}
        return path + (f"?{urlencode(chosen)}" if chosen else "")


@dataclass
class LawfulnessView:
    choice: Choice
    directory: Directory
    report: dict[str, Any] | None = None
    lines: list[dict[str, Any]] = field(default_factory=list)
    total: int = 0
    errors: dict[str, str] = field(default_factory=dict)

    @property
    def municipality_options(self) -> list[tuple[str, str]]:
        """The user's municipalities, and what contracts for the whole region paid (the service
        shows that only to whoever is bound to every municipality)."""
        return [*sorted(self.directory.municipalities.items(), key=lambda item: item[1]), (REGION, REGION_NAME)]

    @property
    def municipality_name(self) -> str:
        return REGION_NAME if self.choice.gemeente == REGION else self.directory.municipality(self.choice.gemeente)

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // PER_PAGE))


def router(wb: Workbench) -> APIRouter:
    routes = APIRouter()

    @routes.get("/rechtmatigheid")
    async def totals(request: Request) -> Response:
        user = await _reader(wb, request)
        if isinstance(user, Response):
            return user
        view = await _view(wb, request, Choice.of(request))
        if view.choice.gemeente and not view.errors:
            view.report = await LawfulnessClient(wb.api(request)).report(view.choice.api_params()[0])
        return wb.render(request, "lawfulness.html", view, user)

    @routes.get("/rechtmatigheid/regels")
    async def lines(request: Request) -> Response:
        user = await _reader(wb, request)
        if isinstance(user, Response):
            return user
        view = await _view(wb, request, Choice.of(request))
        if not view.errors:
            params = {**view.choice.api_params()[0], "criterion": view.choice.criterium,
                      "status": view.choice.status, "reason": view.choice.reden}
            page = await LawfulnessClient(wb.api(request)).lines(params, PER_PAGE, (view.choice.pagina - 1) * PER_PAGE)
            view.lines, view.total = page["items"], page["total"]
        return wb.render(request, "lawfulness_lines.html", view, user)

    @routes.get("/rechtmatigheid/werkmap")
    async def workbook(request: Request) -> Response:
        user = await _reader(wb, request)
        if isinstance(user, Response):
            return user
        choice = Choice.of(request)
        params, errors = choice.api_params()
        if errors:
            return wb.render(request, "lawfulness.html", await _view(wb, request, choice), user, status=422)
        answer = await LawfulnessClient(wb.api(request)).workbook(params)
        name = f"rechtmatigheid-{choice.gemeente}-{choice.jaar}.xlsx"
        return Response(answer.content, media_type=XLSX, headers={"Content-Disposition": f'attachment; filename="{name}"'})

    return routes


async def _reader(wb: Workbench, request: Request) -> StaffPrincipal | Response:
    user = await wb.user(request)
    return user if sees(user, SCREEN) else wb.render(request, "errors/not_allowed.html", None, user, status=403)


async def _view(wb: Workbench, request: Request, choice: Choice) -> LawfulnessView:
    view = LawfulnessView(choice, await GatewayClient(wb.api(request)).directory())
    if not choice.jaar:
        view.choice = choice = replace(choice, jaar=str(SystemClock().today().year))
    if choice.gemeente:
        view.errors = choice.api_params()[1]
    return view
