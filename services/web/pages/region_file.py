"""Loading a region file: upload it (a plain multipart form), see its validation report — every
problem with its line, its place and the rule in Dutch, nothing applied — or, when it is valid,
what it would change; confirm with a second POST that applies exactly that preview and answers
with a redirect to this page, which shows what was applied (file, when, by whom).

Between the preview and the confirmation the file travels in the form, sealed (sealed.py): the
workbench keeps nothing, and the file holds the region's passwords and tokens."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Annotated, Any

from fastapi import APIRouter, File, Form, Request, UploadFile
from fastapi.responses import Response

from services.web.apis import NotAllowed, Refused
from services.web.clients.admin import AdminClient
from services.web.clients.gateway import Directory, GatewayClient
from services.web.context import Workbench, redirect
from services.web.pages.admin_role import admin_user
from services.web.pages.region_report import Report, changes_of, problems_of
from shared.auth.principal import StaffPrincipal
from shared.auth.sessions import SESSION_COOKIE, session_of

MAX_BYTES = 512 * 1024
"""The gateway's limit on a region file."""
PAGE = "/beheer/regiobestand"


@dataclass
class RegionView:
    directory: Directory
    loads: list[dict[str, Any]] = field(default_factory=list)
    regional: bool = True
    """False: the admin is not bound to every municipality, and may not load a region file."""
    file_name: str = ""
    report: Report | None = None
    preview: dict[str, Any] | None = None
    sealed: str = ""
    errors: dict[str, str] = field(default_factory=dict)
    notice: str = ""
    """stale: the region changed since the preview shown before; expired: the form could not be opened."""

    def changes(self, load: dict[str, Any]) -> Report:
        return Report(changes=changes_of(load["changes"]))


def router(wb: Workbench) -> APIRouter:
    routes = APIRouter(prefix=PAGE)

    @routes.get("")
    async def page(request: Request) -> Response:
        user = await admin_user(wb, request)
        return wb.render(request, "admin/region.html", await region_view(wb, request), user)

    @routes.post("")
    async def upload(request: Request, bestand: Annotated[UploadFile | None, File()] = None) -> Response:
        user = await admin_user(wb, request)
        view = await region_view(wb, request)
        text = await bestand.read(MAX_BYTES + 1) if bestand is not None else b""
        view.file_name = (bestand.filename or "") if bestand is not None else ""
        if not text:
            view.errors["bestand"] = "empty"
        elif len(text) > MAX_BYTES:
            view.errors["bestand"] = "large"
        if view.errors:
            return wb.render(request, "admin/region.html", view, user, status=422)
        return await previewed(request, user, view, text)

    @routes.post("/toepassen")
    async def apply(request: Request, bestand: Annotated[str, Form()] = "", voorbeeld: Annotated[str, Form()] = "",
                    naam: Annotated[str, Form()] = "") -> Response:
        user = await admin_user(wb, request)
        text = wb.sealer.open(bestand, _session(request))
        view = await region_view(wb, request)
        view.file_name = naam[:200]
        if text is None:
            view.notice = "expired"
            return wb.render(request, "admin/region.html", view, user, status=400)
        try:
            await AdminClient(wb.api(request)).load(text, voorbeeld)
        except Refused as refused:
            if refused.status != 409:
                view.report = Report(problems=problems_of(refused.errors))
                return wb.render(request, "admin/region.html", view, user, status=422)
            view.notice = "stale"  # what the file changes now, to confirm again
            return await previewed(request, user, view, text, status=409)
        return redirect(PAGE, "region_loaded")

    async def previewed(request: Request, user: StaffPrincipal, view: RegionView, text: bytes,
                        status: int = 200) -> Response:
        try:
            view.preview = await AdminClient(wb.api(request)).preview(text)
        except Refused as refused:
            view.report = Report(problems=problems_of(refused.errors))
            return wb.render(request, "admin/region.html", view, user, status=422)
        view.report = Report(changes=changes_of(view.preview["changes"]))
        view.sealed = wb.sealer.seal(text, _session(request))
        return wb.render(request, "admin/region.html", view, user, status=status)

    return routes


async def region_view(wb: Workbench, request: Request) -> RegionView:
    api = wb.api(request)
    view = RegionView(await GatewayClient(api).directory())
    try:
        view.loads = await AdminClient(api).loads()
    except NotAllowed:
        view.regional = False
    return view


def _session(request: Request) -> str:
    """The session the sealed file is bound to (its id stays while its activity stamp is renewed)."""
    return session_of(request.cookies.get(SESSION_COOKIE, ""))
