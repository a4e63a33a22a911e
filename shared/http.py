"""HTTP pieces every service app shares: the health routes and the app factory."""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import AbstractAsyncContextManager
from typing import Any, Callable

import sqlalchemy as sa
from fastapi import APIRouter, FastAPI
from fastapi.responses import JSONResponse

from shared.apidocs import add_api_docs
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
    app.include_router(health_router(containers))
    for router in routers:
        app.include_router(router)
    return app
