"""Finding a client — by BSN, or by the start of the surname and/or the birth date — and the
client's allocations. Every client shown is a view of personal data the allocation service puts in
its audit log. The search is a POST: a BSN or a name never stands in a URL, so it stays out of the
browser's history, bookmarks and any log of addresses."""

from __future__ import annotations

import asyncio
import re
from dataclasses import dataclass, field
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response

from services.web.apis import Refused
from services.web.clients.allocation import AllocationClient
from services.web.clients.gateway import Directory, GatewayClient
from services.web.context import Workbench
from services.web.form_errors import FormErrors, refused
from services.web.formatting import date_from_text
from services.web.pages.access import allowed
from services.web.pages.allocation_view import AllocationRow, allocation_row
from shared.auth.principal import StaffPrincipal
from shared.ijw.codelists import GESLACHT

FIELDS = ("bsn", "achternaam", "geboortedatum")
API_FIELDS = {"query.bsn": "bsn", "query.surname": "achternaam", "query.birth_date": "geboortedatum"}


@dataclass(frozen=True)
class ClientRow:
    municipality_code: str
    municipality: str
    bsn: str
    name: str
    birth_date: str | None
    gender: str
    allocations: int


@dataclass
class ClientsView:
    values: dict[str, str] = field(default_factory=dict)
    errors: FormErrors = field(default_factory=FormErrors)
    searched: bool = False
    results: list[ClientRow] = field(default_factory=list)
    chosen: ClientRow | None = None
    allocations: list[AllocationRow] = field(default_factory=list)


def router(wb: Workbench) -> APIRouter:
    routes = APIRouter()

    @routes.get("/clienten")
    async def form(request: Request) -> Response:
        user = await wb.user(request)
        return allowed(wb, request, user) or wb.render(request, "access/clients.html", ClientsView(), user)

    @routes.post("/clienten")
    async def search(request: Request) -> Response:
        user = await wb.user(request)
        if (refusal := allowed(wb, request, user)) is not None:
            return refusal
        form = await request.form()
        view = ClientsView({name: str(form.get(name) or "").strip() for name in FIELDS})
        shown = (str(form.get("toon_bsn") or ""), str(form.get("toon_gemeente") or ""))
        await (_show(wb, request, view, *shown) if all(shown) else _search(wb, request, user, view))
        return wb.render(request, "access/clients.html", view, user, status=422 if view.errors else 200)

    return routes


async def _search(wb: Workbench, request: Request, user: StaffPrincipal, view: ClientsView) -> None:
    params, local = _query(view.values)
    view.errors = FormErrors.of(local)
    if view.errors:
        return
    try:
        found, directory = await asyncio.gather(AllocationClient(wb.api(request)).clients(params),
                                                GatewayClient(wb.api(request)).directory())
    except Refused as refusal:
        view.errors = refused(refusal, set(FIELDS), API_FIELDS)
        return
    view.searched, view.results = True, [_client_row(c, directory) for c in found]
    if len(view.results) == 1:
        await _allocations_of(wb, request, view, view.results[0], directory)


async def _show(wb: Workbench, request: Request, view: ClientsView, bsn: str, municipality: str) -> None:
    """One client of a result list, chosen by its button."""
    if not re.fullmatch(r"\d{9}", bsn) or not re.fullmatch(r"\d{4}", municipality):
        return
    found, directory = await asyncio.gather(
        AllocationClient(wb.api(request)).clients({"bsn": bsn, "municipality": municipality}),
        GatewayClient(wb.api(request)).directory())
    if found:
        view.searched, view.results = True, [_client_row(c, directory) for c in found]
        await _allocations_of(wb, request, view, view.results[0], directory)


async def _allocations_of(wb: Workbench, request: Request, view: ClientsView, chosen: ClientRow,
                          directory: Directory) -> None:
    client = AllocationClient(wb.api(request))
    found, products = await asyncio.gather(client.search({"client_bsn": chosen.bsn}), client.product_names())
    view.chosen = chosen
    view.allocations = [allocation_row(a, directory, products) for a in found
                        if a["municipality"] == chosen.municipality_code]


def _query(values: dict[str, str]) -> tuple[dict[str, Any], dict[str, str]]:
    errors: dict[str, str] = {}
    if not any(values.values()):
        errors["bsn"] = "criterion"
    if values["bsn"] and not re.fullmatch(r"\d{9}", values["bsn"]):
        errors["bsn"] = "format"
    if values["achternaam"] and len(values["achternaam"]) < 2:
        errors["achternaam"] = "short"
    born = None
    if values["geboortedatum"]:
        try:
            born = date_from_text(values["geboortedatum"]).isoformat()
        except ValueError:
            errors["geboortedatum"] = "date"
    return {"bsn": values["bsn"], "surname": values["achternaam"], "birth_date": born}, errors


def _client_row(c: dict[str, Any], directory: Directory) -> ClientRow:
    name = " ".join(part for part in (c.get("initials"), c.get("prefix"), c.get("surname")) if part)
    return ClientRow(c["municipality"], directory.municipality(c["municipality"]), c["client_bsn"], name or "—",
                     c.get("birth_date"), GESLACHT.get(c.get("gender") or "", "—"), c["allocations"])
