"""The region's audit log for regional admins and auditors: entries newest first, filtered as the
URL says (a plain GET form), a page at a time by the service's cursor, downloadable as CSV or
XLSX, and whether its hash chain is whole. A search by BSN is a POST that answers with a redirect
to the client's pseudonym, so no URL, history or log ever holds the BSN."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field, replace
from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Form, Request
from fastapi.responses import Response
from stdnum.nl import bsn as bsn_number

from services.web.clients.audit import AuditClient
from services.web.clients.gateway import Directory, GatewayClient
from services.web.context import Workbench, redirect
from services.web.formatting import date_from_text
from services.web.navigation import SCREENS, sees
from shared.auth.principal import StaffPrincipal

PER_PAGE = 50
SCREEN = next(s for s in SCREENS if s.path == "/auditlog")
EXPORTS = {"csv": "text/csv; charset=utf-8", "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}
PSEUDONYM = re.compile(r"^[0-9a-f]{64}$")


@dataclass(frozen=True)
class AuditFilters:
    gebruiker: str = ""
    actie: str = ""
    gemeente: str = ""
    van: str = ""
    tot: str = ""
    uitkomst: str = ""
    dienst: str = ""
    client: str = ""
    """The client's pseudonym (never a BSN)."""
    vanaf: str = ""
    """The service's cursor: the page after the one that ended there."""

    @classmethod
    def of(cls, request: Request) -> AuditFilters:
        q = request.query_params
        chosen = {name: q.get(name, "").strip()[:200] for name in cls.__dataclass_fields__}
        if not PSEUDONYM.match(chosen["client"]):
            chosen["client"] = ""
        return cls(**chosen)

    def api_params(self) -> tuple[dict[str, Any], dict[str, str]]:
        params: dict[str, Any] = {"user": self.gebruiker, "action": self.actie, "municipality": self.gemeente,
                                  "outcome": self.uitkomst, "service": self.dienst, "client": self.client,
                                  "cursor": self.vanaf}
        errors: dict[str, str] = {}
        for name, key in (("van", "since"), ("tot", "until")):
            text = getattr(self, name)
            try:
                params[key] = date_from_text(text).isoformat() if text else None
            except ValueError:
                errors[name] = "date"
        return params, errors

    def url(self, path: str = "/auditlog", **changes: Any) -> str:
        chosen = {k: v for k, v in asdict(replace(self, **changes)).items() if v}
        return path + (f"?{urlencode(chosen)}" if chosen else "")


@dataclass
class AuditView:
    filters: AuditFilters
    directory: Directory
    entries: list[dict[str, Any]] = field(default_factory=list)
    next: str | None = None
    errors: dict[str, str] = field(default_factory=dict)
    bsn: str = ""

    @property
    def municipality_options(self) -> list[tuple[str, str]]:
        return sorted(self.directory.municipalities.items(), key=lambda item: item[1])


def router(wb: Workbench) -> APIRouter:
    routes = APIRouter()

    @routes.get("/auditlog")
    async def audit_log(request: Request) -> Response:
        user = await wb.user(request)
        if not sees(user, SCREEN):
            return wb.render(request, "errors/not_allowed.html", None, user, status=403)
        return wb.render(request, "audit_log.html", await audit_view(wb, request, AuditFilters.of(request)), user)

    @routes.post("/auditlog/client")
    async def search_client(request: Request, bsn: str = Form("")) -> Response:
        user = await _reader(wb, request)
        if isinstance(user, Response):
            return user
        if not bsn_number.is_valid(bsn.strip()):
            view = await audit_view(wb, request, AuditFilters.of(request))
            view.errors, view.bsn = {"bsn": "bsn"}, ""
            return wb.render(request, "audit_log.html", view, user, status=422)
        client = await AuditClient(wb.api(request)).pseudonym(bsn.strip())
        return redirect(AuditFilters(client=client).url())

    @routes.get("/auditlog/export.{format}")
    async def export(request: Request, format: str) -> Response:
        user = await _reader(wb, request)
        if isinstance(user, Response):
            return user
        if format not in EXPORTS:
            return wb.render(request, "errors/not_found.html", None, user, status=404)
        params, _ = AuditFilters.of(request).api_params()
        answer = await AuditClient(wb.api(request)).export({**params, "cursor": None}, format)
        return Response(answer.content, media_type=EXPORTS[format],
                        headers={"Content-Disposition": f'attachment; filename="auditlog.{format}"'})

    @routes.get("/auditlog/keten")
    async def chain(request: Request) -> Response:
        user = await _reader(wb, request)
        if isinstance(user, Response):
            return user
        return wb.render(request, "audit_chain.html", await AuditClient(wb.api(request)).verification(), user)

    return routes


async def _reader(wb: Workbench, request: Request) -> StaffPrincipal | Response:
    user = await wb.user(request)
    return user if sees(user, SCREEN) else wb.render(request, "errors/not_allowed.html", None, user, status=403)


async def audit_view(wb: Workbench, request: Request, filters: AuditFilters) -> AuditView:
    api = wb.api(request)
    view = AuditView(filters, await GatewayClient(api).directory())
    params, view.errors = filters.api_params()
    if view.errors:
        return view
    page = await AuditClient(api).page(params, PER_PAGE)
    view.entries, view.next = page["items"], page["next"]
    return view
