"""HTTP routes of the gateway service."""

from datetime import timedelta

from fastapi import APIRouter

from services.gateway.adapters.tables import staff_tokens, staff_users
from services.gateway.api.audit import audit_router
from services.gateway.api.check import check_router
from services.gateway.api.messages import messages_router
from services.gateway.api.pull import pull_router
from services.gateway.api.region import region_router
from services.gateway.api.sessions import SignInGuard, sessions_router
from services.gateway.api.staff import staff_router
from services.gateway.api.users import staff_users_router
from shared.auth.staff import staff_auth, token_guard
from shared.service import ServiceContainer


def routers(container: ServiceContainer) -> list[APIRouter]:
    gw, settings = container.context, container.settings
    guard = token_guard(container, gw.audit)
    # The gateway projects its sessions in the transaction that starts them: one it has not
    # heard of was never started, so it waits for none.
    auth = staff_auth(container, guard, gw.audit, staff_users, staff_tokens, arrival_wait=timedelta(0))
    sign_ins = SignInGuard(settings.sign_in_failures_per_account, settings.sign_in_failures_per_source)
    return [messages_router(gw, guard), check_router(gw, guard), pull_router(gw, guard),
            sessions_router(gw, auth, sign_ins), staff_router(gw, auth), audit_router(gw, auth),
            staff_users_router(gw, auth), region_router(gw, auth)]
