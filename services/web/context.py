"""What every workbench page uses: the clients to the services, the form tokens and the
templates. Built once by `create_web_app` and handed to each page's router."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse, RedirectResponse
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, FileSystemLoader, StrictUndefined

from services.web import formatting
from services.web.apis import Apis, ApiSession
from services.web.clients.gateway import GatewayClient
from services.web.csrf import CSRF_FIELD, Csrf, keep_nonce
from services.web.navigation import role_names, screens_for
from services.web.sealed import Sealer
from shared.auth.principal import StaffPrincipal
from shared.frontend import vendor_url

TEMPLATES = Path(__file__).parent / "templates"
FLASH_COOKIE = "happyflow_web_flash"


def templates() -> Jinja2Templates:
    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=True, undefined=StrictUndefined,
                      trim_blocks=True, lstrip_blocks=True)
    env.filters.update(euro=formatting.euro, long_date=formatting.long_date, short_date=formatting.short_date,
                       moment=formatting.moment, basis_points=formatting.basis_points)
    env.globals.update(vendor=vendor_url, csrf_field=CSRF_FIELD)
    return Jinja2Templates(env=env)


@dataclass(frozen=True)
class Shell:
    """The layout's view model: who is signed in, their screens, and where they are."""

    user: StaffPrincipal | None
    path: str
    flash: str | None = None
    screens: list[Any] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Workbench:
    apis: Apis
    csrf: Csrf
    templates: Jinja2Templates
    sealer: Sealer
    """Carries an uploaded file from its preview to the confirming post (the region file)."""

    def api(self, request: Request) -> ApiSession:
        return ApiSession(self.apis, request)

    async def user(self, request: Request) -> StaffPrincipal:
        """Who is signed in, as the gateway says (SignInRequired when nobody is)."""
        return await GatewayClient(self.api(request)).me()

    def render(self, request: Request, template: str, view: Any, user: StaffPrincipal | None,
               status: int = 200) -> HTMLResponse:
        flash = request.cookies.get(FLASH_COOKIE)
        shell = Shell(user, request.url.path, flash, screens_for(user) if user else [],
                      role_names(user) if user else [])
        response = self.templates.TemplateResponse(request, template, {
            "view": view, "shell": shell, "csrf_token": self.csrf.token(request)}, status_code=status)
        keep_nonce(request, response)
        if flash:
            response.delete_cookie(FLASH_COOKIE, path="/")
        return response


def redirect(url: str, flash: str | None = None) -> RedirectResponse:
    """POST-redirect-GET: 303 to `url`, with a message key for the next page to show once."""
    response = RedirectResponse(url, status_code=303)
    if flash:
        response.set_cookie(FLASH_COOKIE, flash, httponly=True, samesite="strict", path="/", max_age=60)
    return response
