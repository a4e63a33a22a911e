"""One whole declaration: every line with its status (approved, rejected, held) and retourcodes,
the totals per status, the JW325 once sent, and the JW323 and JW325 to download as the invoicing
service keeps them. Lines come a page at a time (a declaration may hold thousands), filtered by
status in the URL; each links to its own page, where a held one is decided."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote, urlencode

from fastapi import APIRouter, Request
from fastapi.responses import Response

from services.web.clients.gateway import GatewayClient
from services.web.clients.invoicing import InvoicingClient
from services.web.context import Workbench
from services.web.pages.held_rows import Code, period
from shared.auth.principal import Role

PER_PAGE = 100
STATUSES = ("held", "rejected", "approved")
DOWNLOADS = {"JW323.xml": "jw323", "JW325.xml": "jw325"}


@dataclass(frozen=True)
class LineRow:
    reference: str
    url: str
    bsn: str
    product: str
    period: str
    amount: int
    status: str
    codes: list[Code]
    claimed_by: str | None


@dataclass
class DeclarationView:
    facts: dict[str, Any]
    provider: str
    municipality: str
    totals: list[dict[str, Any]]
    answer: dict[str, Any] | None
    answer_codes: list[Code]
    lines: list[LineRow]
    shown: int
    status: str
    page: int
    url: str
    filters: list[tuple[str, str, bool]] = field(default_factory=list)
    """(label status, url, current) for the status filter links."""

    @property
    def pages(self) -> int:
        return max(1, -(-self.shown // PER_PAGE))

    def page_url(self, page: int) -> str:
        query = {k: v for k, v in (("status", self.status), ("pagina", page)) if v not in ("", 1)}
        return self.url + (f"?{urlencode(query)}" if query else "")


def router(wb: Workbench) -> APIRouter:
    routes = APIRouter(prefix="/declaraties/{declaration_id}")

    @routes.get("")
    async def declaration(request: Request, declaration_id: str) -> Response:
        user = await wb.user(request)
        if not user.has(Role.FINANCE):
            return wb.render(request, "errors/not_allowed.html", None, user, status=403)
        return wb.render(request, "declaration.html", await declaration_view(wb, request, declaration_id), user)

    @routes.get("/{filename}")
    async def download(request: Request, declaration_id: str, filename: str) -> Response:
        """The XML itself, as a file (only the two names the page links to)."""
        if filename not in DOWNLOADS:
            return wb.render(request, "errors/not_found.html", None, None, status=404)
        xml = await InvoicingClient(wb.api(request)).xml(declaration_id, DOWNLOADS[filename])
        name = f"{filename.removesuffix('.xml')}-{declaration_id}.xml"
        return Response(xml, media_type="application/xml", headers={"Content-Disposition": f'attachment; filename="{name}"'})

    return routes


async def declaration_view(wb: Workbench, request: Request, declaration_id: str) -> DeclarationView:
    q = request.query_params
    status = q.get("status") if q.get("status") in STATUSES else ""
    page = int(q["pagina"]) if q.get("pagina", "").isdigit() and 0 < int(q["pagina"]) <= 100_000 else 1
    api = wb.api(request)
    invoicing = InvoicingClient(api)
    (body, shown), directory, codes = await asyncio.gather(
        invoicing.declaration(declaration_id, status or None, PER_PAGE, (page - 1) * PER_PAGE),
        GatewayClient(api).directory(), invoicing.retourcodes())
    url = f"/declaraties/{quote(declaration_id)}"
    answer = body["answer"]
    return DeclarationView(
        body, directory.provider(body["provider"]), directory.municipality(body["municipality"]), body["totals"],
        answer, [_described(c, codes) for c in (answer["header_codes"] + answer["declaration_codes"] if answer else [])],
        [_line(line, declaration_id, codes, url) for line in body["lines"]], shown, status, page, url,
        [(s, url + (f"?status={s}" if s else ""), s == status) for s in ("", *STATUSES)])


def _described(code: str, codes: dict[str, dict[str, Any]]) -> Code:
    return Code(code, codes.get(code, {}).get("description", "onbekende code"))


def _line(line: dict[str, Any], declaration_id: str, codes: dict[str, dict[str, Any]], back: str) -> LineRow:
    declared = line["line"]
    return LineRow(line["reference"],
                   f"/wachtrij/{quote(declaration_id)}/{quote(line['reference'])}?{urlencode({'terug': back})}",
                   line["bsn"], f"{declared['category']} {declared['code']}", period(declared["begin"], declared["end"]),
                   line["amount"], line["status"], [_described(c, codes) for c in line["codes"]], line["claimed_by"])
