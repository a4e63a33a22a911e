"""HTTP routes of the invoicing service."""

from fastapi import APIRouter

from services.invoicing.api.bulk import bulk_router
from services.invoicing.api.codes import codes_router
from services.invoicing.api.declarations import declarations_router
from services.invoicing.api.queue import queue_router
from shared.auth.staff import staff_auth, token_guard
from shared.service import ServiceContainer


def routers(container: ServiceContainer) -> list[APIRouter]:
    inv = container.context
    auth = staff_auth(container, token_guard(container, inv.audit), inv.audit)
    return [bulk_router(inv, auth), queue_router(inv, auth), codes_router(auth), declarations_router(inv, auth)]
