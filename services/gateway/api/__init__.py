"""HTTP routes of the gateway service."""

from fastapi import APIRouter

from services.gateway.adapters import store
from services.gateway.api.audit import audit_router
from services.gateway.api.check import check_router
from services.gateway.api.messages import messages_router
from services.gateway.api.pull import pull_router
from services.gateway.api.staff import staff_router
from shared.audit import refusals_recorder
from shared.auth.staff import StaffAuth
from shared.service import ServiceContainer


def routers(container: ServiceContainer) -> list[APIRouter]:
    gw = container.context
    auth = StaffAuth(lambda hashed: store.staff_by_token(gw.db.engines.read, hashed), gw.sessions,
                     gw.clock).report_refusals(refusals_recorder(gw.audit, gw.db))
    return [messages_router(gw), check_router(gw), pull_router(gw), staff_router(gw, auth),
            audit_router(gw, auth)]
