"""HTTP routes of the allocation service: the access team's staff API and the admins' register API."""

from fastapi import APIRouter

from services.allocation.api.allocations import allocations_router
from services.allocation.api.lookups import lookups_router
from services.allocation.api.register import register_router
from services.allocation.api.requests import requests_router
from shared.audit import refusals_recorder
from shared.auth import identity
from shared.auth.staff import StaffAuth
from shared.service import ServiceContainer


def routers(container: ServiceContainer) -> list[APIRouter]:
    ctx = container.context
    db = container.db
    auth = StaffAuth(lambda hashed: identity.staff_by_token(db.engines.read, db.tables, hashed), ctx.sessions,
                     ctx.clock).report_refusals(refusals_recorder(ctx.audit, db))
    return [allocations_router(ctx, auth), lookups_router(ctx, auth), requests_router(ctx, auth),
            register_router(ctx, auth)]
