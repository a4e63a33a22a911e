"""HTTP routes of the allocation service: the access team's staff API and the admins' register API."""

from fastapi import APIRouter

from services.allocation.api.allocations import allocations_router
from services.allocation.api.lookups import lookups_router
from services.allocation.api.register import register_router
from services.allocation.api.requests import requests_router
from shared.auth.staff import staff_auth, token_guard
from shared.service import ServiceContainer


def routers(container: ServiceContainer) -> list[APIRouter]:
    ctx = container.context
    auth = staff_auth(container, token_guard(container, ctx.audit), ctx.audit)
    return [allocations_router(ctx, auth), lookups_router(ctx, auth), requests_router(ctx, auth),
            register_router(ctx, auth)]
