"""What the access team's pages share: only users with the access role (admins have every role)
see them; anyone else gets the page saying so."""

from __future__ import annotations

from fastapi import Request
from fastapi.responses import Response

from services.web.context import Workbench
from shared.auth.principal import Role, StaffPrincipal


def allowed(wb: Workbench, request: Request, user: StaffPrincipal) -> Response | None:
    """None when the user may use the access team's screens, else the answer to give."""
    if user.has(Role.ACCESS):
        return None
    return wb.render(request, "errors/not_allowed.html", None, user, status=403)
