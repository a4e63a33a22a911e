"""The scope rule of every staff API (design.md §7), the same in each service.

Staff are bound to municipalities. What belongs to one municipality — an allocation, a request, a
held line, a payable item, a budget, a contract for that municipality alone — is seen and changed
by staff bound to it; for anyone else it answers 404, as if it did not exist. What acts for
several municipalities at once — a contract covering several or the whole region, the region's
products, payment runs and advances, the audit log — is changed (and, where it shows all of them,
read) only by staff bound to every municipality it covers. Asking for such a collection or action
answers 403; naming one of its objects still answers 404, so an id never tells what exists.

An auditor reads everything of the region and changes nothing: the region file binds an auditor to
every municipality (services/gateway/region/model.py), so every scope above lets them read, and
the role check refuses them any change (`StaffPrincipal.may`, shared/auth/staff.py).
"""

from __future__ import annotations

from collections.abc import Iterable

from fastapi import HTTPException, status

from shared.auth.principal import StaffPrincipal


def sees_all(principal: StaffPrincipal, municipalities: Iterable[str]) -> bool:
    """Bound to every one of them. Nobody covers an empty set: before the region is known,
    nobody is regional."""
    wanted = list(municipalities)
    return bool(wanted) and all(principal.sees(m) for m in wanted)


def sees_any(principal: StaffPrincipal, municipalities: Iterable[str]) -> bool:
    return any(principal.sees(m) for m in municipalities)


def beyond_binding(what: str) -> HTTPException:
    return HTTPException(status.HTTP_403_FORBIDDEN,
                         f"{what} covers municipalities you are not bound to: it needs staff bound to all of them")


def require_all(principal: StaffPrincipal, municipalities: Iterable[str], what: str) -> None:
    if not sees_all(principal, municipalities):
        raise beyond_binding(what)
