"""HTTP routes of the payments service: payment runs, advances and items for finance; reports
for controllers and finance."""

from fastapi import APIRouter

from services.payments.api.advances import advances_router
from services.payments.api.items import items_router
from services.payments.api.ledger import ledger_router
from services.payments.api.lump_sums import lump_sums_router
from services.payments.api.lawfulness import lawfulness_router
from services.payments.api.outcomes import outcomes_router
from services.payments.api.region_reports import region_reports_router
from services.payments.api.reports import reports_reader, reports_router
from services.payments.api.run_reads import run_reads_router
from services.payments.api.runs import runs_router
from services.payments.api.specifications import specifications_router
from services.payments.api.statements import statements_router
from shared.auth.staff import staff_auth, token_guard
from shared.service import ServiceContainer


def routers(container: ServiceContainer) -> list[APIRouter]:
    ctx = container.context
    guard = token_guard(container, ctx.audit)
    auth = staff_auth(container, guard, ctx.audit)
    return [runs_router(ctx, auth), run_reads_router(ctx, auth), advances_router(ctx, auth), items_router(ctx, auth),
            reports_router(ctx, auth), lawfulness_router(ctx, reports_reader(auth)), statements_router(ctx, auth),
            specifications_router(ctx, guard), lump_sums_router(ctx, auth), ledger_router(ctx, auth),
            region_reports_router(ctx, auth), outcomes_router(ctx, auth)]
