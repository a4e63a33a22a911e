"""The workbench's FastAPI app: pages, its own and the design system's assets, CSRF on every
form post, security headers, and the pages for errors (sign in again, not allowed, not found,
a service away)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from urllib.parse import quote

import httpx
import structlog
from fastapi import Depends, FastAPI, Request
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException
from starlette.routing import Mount
from starlette.staticfiles import StaticFiles

from services.web.apis import ApiError, Apis, NotAllowed, NotFound, SignInRequired
from services.web.config import WebSettings
from services.web.context import Workbench, redirect, templates
from services.web.csrf import Csrf
from services.web.sealed import Sealer
from services.web.pages import (
    allocation_changes, allocation_detail, allocation_issue, audit_log, budget, bulk, ceilings, clients, declarations,
    downloads, health, held_line, home, lawfulness, ledger, lump_sums, queue, referrals, request_honour, requests,
    session,
)
from services.web.pages import advances, bank_statements, payment_run, payment_runs, payment_specification
from services.web.pages import (
    contractors, lots, outcome_cases, outcome_scores, outcome_settlements, outcomes, region_downloads, tariffs,
)
from services.web.pages import region_file, staff_users
from services.web.security import security_headers
from shared.api.body_limit import BodyLimit
from shared.auth.cookies import SessionRenewal
from shared.frontend import missing, vendor_mounts

log = structlog.get_logger(__name__)
VENDOR = ("htmx", "nlds-components", "nlds-theme", "noto-sans", "noto-serif")
FORM_LIMIT = 12 * 1024 * 1024
"""Any form post: the largest is a bank statement (10 MB) with its form around it."""


def create_web_app(settings: WebSettings, transport: httpx.AsyncBaseTransport | None = None) -> FastAPI:
    """Over HTTP to the services' base URLs, or through `transport` (the embedded default's own
    app, in process)."""
    apis = (Apis.in_process(transport, settings.api_timeout_seconds) if transport is not None
            else Apis.over_http(settings.base_urls(), settings.api_timeout_seconds))
    wb = Workbench(apis, Csrf(settings.secret), templates(), Sealer(settings.secret))

    if absent := missing(*VENDOR):
        log.warning("front-end packages missing (pages come unstyled): run `make install`", packages=absent)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:  # only its own process runs this
        yield
        await apis.close()

    app = FastAPI(title="happyflow werkplek", lifespan=lifespan, docs_url=None, redoc_url=None,
                  openapi_url=None, dependencies=[Depends(wb.csrf.check)])
    # Inside the security headers: the refusal is a page like any other.
    app.add_middleware(BodyLimit, routes=[], default=FORM_LIMIT,
                       refusal=lambda limit, scope: wb.render(Request(scope), "errors/too_large.html", None, None,
                                                              status=413))
    app.middleware("http")(security_headers)
    app.add_middleware(SessionRenewal)
    for router in (health.router(wb), session.router(wb), home.router(wb), queue.router(wb), bulk.router(wb),
                   held_line.router(wb), declarations.router(wb), budget.router(wb), ceilings.router(wb),
                   referrals.router(wb), downloads.router(wb), requests.router(wb), request_honour.router(wb),
                   allocation_issue.router(wb), allocation_detail.router(wb), allocation_changes.router(wb),
                   clients.router(wb), audit_log.router(wb), lawfulness.router(wb), ledger.router(wb),
                   lump_sums.router(wb)):
        app.include_router(router)
    for router in (payment_runs.router(wb), payment_run.router(wb), payment_specification.router(wb),
                   bank_statements.router(wb), advances.router(wb)):
        app.include_router(router)
    for router in (contractors.router(wb), lots.router(wb), tariffs.router(wb), outcomes.router(wb),
                   outcome_cases.router(wb), outcome_scores.router(wb), outcome_settlements.router(wb),
                   region_downloads.router(wb)):
        app.include_router(router)
    for router in (staff_users.router(wb), region_file.router(wb)):
        app.include_router(router)
    app.router.routes.extend(vendor_mounts(*VENDOR))
    app.router.routes.append(Mount("/assets/web", StaticFiles(directory=Path(__file__).parent / "static"),
                                   name="web-assets"))
    _error_pages(app, wb)
    return app


def _error_pages(app: FastAPI, wb: Workbench) -> None:
    @app.exception_handler(SignInRequired)
    async def sign_in(request: Request, _: SignInRequired) -> Response:
        return redirect(f"/aanmelden?terug={quote(request.url.path)}")

    @app.exception_handler(ApiError)
    async def api_error(request: Request, error: ApiError) -> Response:
        template = {NotAllowed: "errors/not_allowed.html", NotFound: "errors/not_found.html"}.get(
            type(error), "errors/unavailable.html")
        return wb.render(request, template, error, None, status=error.status)

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, error: HTTPException) -> Response:
        if not _wants_html(request):  # an API client that missed a service route (embedded: we are mounted at /)
            return JSONResponse({"detail": error.detail}, status_code=error.status_code)
        template = {403: "errors/expired_form.html" if error.detail == "csrf" else "errors/not_allowed.html",
                    404: "errors/not_found.html", 413: "errors/too_large.html"}.get(error.status_code,
                                                                                   "errors/unavailable.html")
        return wb.render(request, template, error, None, status=error.status_code)


def _wants_html(request: Request) -> bool:
    return "text/html" in request.headers.get("accept", "")
