"""Finding declarations: by DeclaratieNummer, provider or client (BSN). The search is a plain GET
form (the URL is the state); a search by BSN is a view of personal data, which the invoicing
service records in the audit log with the client. Each declaration found links to its own page
and to its held lines."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from typing import Any
from urllib.parse import quote, urlencode

from fastapi import APIRouter, Request
from fastapi.responses import Response

from services.web.clients.gateway import Directory, GatewayClient
from services.web.clients.invoicing import InvoicingClient
from services.web.context import Workbench
from services.web.pages import declaration
from shared.auth.principal import Role

PER_PAGE = 25
NUMBER = re.compile(r"^\S{1,12}$")
BSN = re.compile(r"^\d{9}$")


@dataclass(frozen=True)
class Search:
    nummer: str = ""
    aanbieder: str = ""
    bsn: str = ""
    pagina: int = 1

    @classmethod
    def of(cls, request: Request) -> Search:
        q = request.query_params
        page = q.get("pagina", "1")
        return cls(q.get("nummer", "").strip(), q.get("aanbieder", "").strip(),
                   q.get("bsn", "").replace(" ", "").replace(".", ""),
                   int(page) if page.isdigit() and 0 < int(page) <= 100_000 else 1)

    def api_params(self) -> tuple[dict[str, Any], dict[str, str]]:
        errors = {name: "format" for name, value, pattern in (("nummer", self.nummer, NUMBER), ("bsn", self.bsn, BSN))
                  if value and not pattern.match(value)}
        return {"number": self.nummer, "provider": self.aanbieder, "bsn": self.bsn}, errors

    def url(self, **changes: Any) -> str:
        chosen = {k: v for k, v in {**asdict(self), **changes}.items() if v not in ("", 1)}
        return "/declaraties" + (f"?{urlencode(chosen)}" if chosen else "")


@dataclass(frozen=True)
class Found:
    number: str
    url: str
    provider: str
    municipality: str
    received_on: str
    status: str
    submitted: int
    granted: int | None
    held: list[tuple[str, str]]
    """(reference, url of the held line)."""


@dataclass
class SearchView:
    search: Search
    directory: Directory
    found: list[Found] = field(default_factory=list)
    total: int = 0
    errors: dict[str, str] = field(default_factory=dict)

    @property
    def provider_options(self) -> list[tuple[str, str]]:
        return sorted(self.directory.providers.items(), key=lambda item: item[1])

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // PER_PAGE))


def router(wb: Workbench) -> APIRouter:
    routes = APIRouter()

    @routes.get("/declaraties")
    async def search(request: Request) -> Response:
        user = await wb.user(request)
        if not user.has(Role.FINANCE):
            return wb.render(request, "errors/not_allowed.html", None, user, status=403)
        return wb.render(request, "declarations.html", await search_view(wb, request, Search.of(request)), user)

    routes.include_router(declaration.router(wb))
    return routes


async def search_view(wb: Workbench, request: Request, search: Search) -> SearchView:
    api = wb.api(request)
    view = SearchView(search, await GatewayClient(api).directory())
    params, view.errors = search.api_params()
    if view.errors:
        return view
    rows, view.total = await InvoicingClient(api).declarations(params, PER_PAGE, (search.pagina - 1) * PER_PAGE)
    view.found = [found(row, view.directory, search.url()) for row in rows]
    return view


def found(row: dict[str, Any], directory: Directory, back: str) -> Found:
    page = f"/declaraties/{quote(row['declaration_id'])}"
    held = [(ref, f"/wachtrij/{quote(row['declaration_id'])}/{quote(ref)}?{urlencode({'terug': back})}")
            for ref in row["held_lines"]]
    return Found(row["number"], page, directory.provider(row["provider"]), directory.municipality(row["municipality"]),
                 row["received_on"], row["status"], row["submitted"], row["granted"], held)
