"""HTTP routes of the invoicing service."""

from fastapi import APIRouter

from services.invoicing.api.bulk import bulk_router
from services.invoicing.api.codes import codes_router
from services.invoicing.api.declarations import declarations_router
from services.invoicing.api.queue import queue_router
from shared.audit import refusals_recorder
from shared.auth.identity import staff_by_token
from shared.auth.sessions import SessionSigner
from shared.auth.staff import StaffAuth
from shared.service import ServiceContainer


def routers(container: ServiceContainer) -> list[APIRouter]:
    inv, db = container.context, container.db
    sessions = SessionSigner(container.settings.session_secret)
    auth = StaffAuth(lambda hashed: staff_by_token(db.engines.read, db.tables, hashed), sessions,
                     container.clock).report_refusals(refusals_recorder(inv.audit, db))
    return [bulk_router(inv, auth), queue_router(inv, auth), codes_router(auth), declarations_router(inv, auth)]
