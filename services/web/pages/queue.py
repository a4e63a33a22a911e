"""Finance's exception queue: held lines filtered and sorted as the URL says, a page at a time.
The filters are a plain GET form (the URL is the state: a bookmark or a colleague's link shows
the same list); with htmx only the results are swapped in."""

from __future__ import annotations

import asyncio
from dataclasses import asdict, dataclass, field, replace
from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.responses import Response

from services.web.clients.gateway import Directory, GatewayClient
from services.web.clients.invoicing import InvoicingClient
from services.web.context import Workbench
from services.web.formatting import cents_from_text, date_from_text
from services.web.pages.held_rows import HeldRow, held_row
from shared.auth.principal import Role

PER_PAGE = 25
PAGE_SIZES = (25, 100, 200)
"""How many lines a page shows: a clerk who decides a selection at once chooses a larger page."""
# URL value -> the API's sort; the labels are in the template.
SORTS = {"termijn": "due", "termijn-laatst": "-due", "bedrag-hoog": "-amount", "bedrag-laag": "amount",
         "ontvangen": "received", "gemeente": "municipality", "aanbieder": "provider"}


@dataclass(frozen=True)
class QueueFilters:
    """The queue's state as the URL carries it, in the words the clerk sees."""

    gemeente: str = ""
    aanbieder: str = ""
    code: str = ""
    termijn_tot: str = ""
    bedrag_vanaf: str = ""
    bedrag_tot: str = ""
    sorteer: str = "termijn"
    aantal: int = PER_PAGE
    pagina: int = 1

    @classmethod
    def of(cls, request: Request) -> QueueFilters:
        q = request.query_params
        page, size = q.get("pagina", "1"), q.get("aantal", "")
        return cls(*(q.get(name, "").strip() for name in ("gemeente", "aanbieder", "code", "termijn_tot",
                                                          "bedrag_vanaf", "bedrag_tot")),
                   q.get("sorteer") if q.get("sorteer") in SORTS else "termijn",
                   int(size) if size.isdigit() and int(size) in PAGE_SIZES else PER_PAGE,
                   int(page) if page.isdigit() and 0 < int(page) <= 100_000 else 1)

    def api_params(self) -> tuple[dict[str, Any], dict[str, str]]:
        """The API's filters, and an error per field a person typed wrongly."""
        params: dict[str, Any] = {"municipality": self.gemeente, "provider": self.aanbieder, "code": self.code}
        errors: dict[str, str] = {}
        for name, key, parse in (("termijn_tot", "due_before", date_from_text),
                                 ("bedrag_vanaf", "min_amount", cents_from_text),
                                 ("bedrag_tot", "max_amount", cents_from_text)):
            text = getattr(self, name)
            try:
                params[key] = parse(text) if text else None
            except ValueError:
                errors[name] = "date" if parse is date_from_text else "amount"
        return params, errors

    def url(self, **changes: Any) -> str:
        return "/wachtrij" + self.query(**changes)

    def query(self, **changes: Any) -> str:
        """The filters in use as a query string ('' or '?…'), defaults left out."""
        chosen = {k: v for k, v in asdict(replace(self, **changes)).items()
                  if v not in ("", 1, "termijn") and not (k == "aantal" and v == PER_PAGE)}
        return f"?{urlencode(chosen)}" if chosen else ""


@dataclass
class QueueView:
    filters: QueueFilters
    directory: Directory
    codes: dict[str, dict[str, str]]
    rows: list[HeldRow] = field(default_factory=list)
    total: int = 0
    errors: dict[str, str] = field(default_factory=dict)
    selected: set[str] = field(default_factory=set)
    """Keys (declaration_id/reference) checked for a decision on the selection."""
    reason: str = ""
    code: str = ""
    decision: str = ""
    refusal: str | None = None

    def key(self, row: HeldRow) -> str:
        return f"{row.declaration_id}/{row.reference}"

    @property
    def all_selected_url(self) -> str:
        """Every line of this page checked, without script: the same page with `selectie=alle`."""
        return self.filters.url() + ("&" if "?" in self.filters.url() else "?") + "selectie=alle"

    @property
    def municipality_options(self) -> list[tuple[str, str]]:
        return sorted(self.directory.municipalities.items(), key=lambda item: item[1])

    @property
    def provider_options(self) -> list[tuple[str, str]]:
        return sorted(self.directory.providers.items(), key=lambda item: item[1])

    @property
    def code_options(self) -> list[tuple[str, str]]:
        return [(code, f"{code} – {c['description']}") for code, c in sorted(self.codes.items()) if c["rejects"]]

    @property
    def size_options(self) -> list[tuple[str, str]]:
        return [(str(n), f"{n} per pagina") for n in PAGE_SIZES]

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.filters.aantal))


def router(wb: Workbench) -> APIRouter:
    routes = APIRouter()

    @routes.get("/wachtrij")
    async def queue(request: Request) -> Response:
        user = await wb.user(request)
        if not user.has(Role.FINANCE):
            return wb.render(request, "errors/not_allowed.html", None, user, status=403)
        view = await queue_view(wb, request, QueueFilters.of(request))
        if request.headers.get("HX-Request") == "true" and request.headers.get("HX-Target") == "wachtrij":
            response = wb.render(request, "partials/queue_body.html", view, user)
            response.headers["HX-Push-Url"] = view.filters.url()  # the filters in use, not every empty field
            return response
        return wb.render(request, "queue.html", view, user)

    return routes


async def queue_view(wb: Workbench, request: Request, filters: QueueFilters) -> QueueView:
    api = wb.api(request)
    invoicing = InvoicingClient(api)
    directory, codes = await asyncio.gather(GatewayClient(api).directory(), invoicing.retourcodes())
    view = QueueView(filters, directory, codes)
    params, view.errors = filters.api_params()
    if view.errors:
        return view
    lines, view.total = await invoicing.queue(params, SORTS[filters.sorteer], filters.aantal,
                                              (filters.pagina - 1) * filters.aantal)
    view.rows = [held_row(line, directory, codes) for line in lines]
    if request.query_params.get("selectie") == "alle":
        view.selected = {view.key(row) for row in view.rows}
    return view
