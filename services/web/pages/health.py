"""/health of the workbench in its own process: up, and whether each service's API answers.
(In the embedded default the services' own /health answers first.)"""

from __future__ import annotations

import asyncio

from fastapi import APIRouter
from fastapi.responses import JSONResponse

from services.web.apis import SERVICES
from services.web.context import Workbench


def router(wb: Workbench) -> APIRouter:
    routes = APIRouter(include_in_schema=False)

    @routes.get("/health")
    async def health() -> JSONResponse:
        answers = await asyncio.gather(*(_reachable(wb, name) for name in SERVICES))
        apis = dict(zip(SERVICES, answers, strict=True))
        return JSONResponse({"status": "ok", "services": {"web": {"status": "ok", "apis": apis}}})

    return routes


async def _reachable(wb: Workbench, service: str) -> str:
    try:
        response = await wb.apis.clients[service].get(f"/{service}/health", timeout=2.0)
    except Exception:  # a health check reports; it never raises
        return "unreachable"
    return "ok" if response.status_code == 200 else "down"
