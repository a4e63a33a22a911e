"""HTTP pieces every service app shares: the health routes and the app factory, which installs
the problem documents, the body limit, the CSRF check and the security headers (shared/api/)."""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import AbstractAsyncContextManager
from typing import Any, Callable

import sqlalchemy as sa
from fastapi import APIRouter, FastAPI
from fastapi.responses import JSONResponse
from fastapi.routing import APIRoute

from shared.apidocs import add_api_docs
from shared.api import problems
from shared.api.body_limit import BodyLimit
from shared.api.csrf import NOT_AN_API, CsrfGuard
from shared.api.headers import SecurityHeaders
from shared.api.openapi import document_problems
from shared.auth.cookies import SessionRenewal
from shared.service import ServiceContainer

Lifespan = Callable[[FastAPI], AbstractAsyncContextManager[None]]


async def _service_health(container: ServiceContainer) -> dict[str, Any]:
    try:
        async with container.db.engines.read.connect() as conn:
            await conn.execute(sa.text("SELECT 1"))
        return {"status": "ok", "database": container.db.engines.read.dialect.name}
    except Exception as error:  # a health check reports; it never raises
        return {"status": "down", "error": type(error).__name__}


def health_router(containers: Sequence[ServiceContainer]) -> APIRouter:
    router = APIRouter(tags=["health"])

    @router.get("/health", summary="Health of every service in this process")
    async def health() -> JSONResponse:
        services = {c.name: await _service_health(c) for c in containers}
        ok = all(s["status"] == "ok" for s in services.values())
        return JSONResponse({"status": "ok" if ok else "down", "services": services}, 200 if ok else 503)

    for container in containers:
        router.add_api_route(
            f"/{container.name}/health", _one_service(container), methods=["GET"],
            summary=f"Health of the {container.name} service",
        )
    return router


def _one_service(container: ServiceContainer):  # type: ignore[no-untyped-def]
    async def health() -> JSONResponse:
        report = await _service_health(container)
        return JSONResponse({"service": container.name, **report}, 200 if report["status"] == "ok" else 503)

    return health


def service_app(containers: Sequence[ServiceContainer], routers: Sequence[APIRouter], lifespan: Lifespan) -> FastAPI:
    app = FastAPI(
        title="happyflow",
        summary="Invoice matching for Dutch youth care (iJw 3.2): toewijzing → declaratie → betaling",
        version="0.1.0",
        lifespan=lifespan,
        docs_url=None,
        redoc_url=None,
    )
    add_api_docs(app)
    app.add_middleware(SessionRenewal)
    app.include_router(health_router(containers))
    for router in routers:
        app.include_router(router)
    problems.install(app)
    document_problems(app)
    # add_middleware puts each outside the ones before: headers wrap every answer, a 500 included
    app.add_middleware(CsrfGuard, secret=_session_secret(containers))
    # The workbench, mounted in the embedded default, limits its own forms and answers in HTML.
    app.add_middleware(BodyLimit, routes=[r for router in routers for r in router.routes if isinstance(r, APIRoute)],
                       applies=lambda path: not NOT_AN_API.match(path))
    app.add_middleware(problems.LastResort)
    app.add_middleware(SecurityHeaders)
    return app


def _session_secret(containers: Sequence[ServiceContainer]) -> str:
    """The CSRF token is signed with the session secret, which every service shares, so a token
    one service set is good at all of them."""
    return str(containers[0].settings.session_secret)  # type: ignore[attr-defined]
