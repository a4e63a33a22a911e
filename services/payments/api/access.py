"""Who may see what in the payments API (design.md §7), and how refusals answer.

Items belong to a municipality; region-wide items (advances of a contract covering the whole
region) and payment runs (which pay for every municipality at once) are visible only to staff
bound to every municipality of the region (shared/auth/scope.py). A run or item outside the
caller's scope answers 404; runs and advances as a whole answer 403 to staff bound to some
municipalities only.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from fastapi import HTTPException, Request

from services.payments.adapters.region_terms import REGION
from services.payments.adapters.camt053 import StatementFormatError
from services.payments.adapters.sepa import SepaError
from services.payments.domain import errors
from shared.audit import AuditEntry
from shared.auth.http import client_app, not_found
from shared.auth.principal import StaffPrincipal
from shared.auth.scope import require_all, sees_all

STATUS = {errors.NotAllowed: 403, errors.SameUser: 403, errors.UnknownRun: 404, errors.RunNotInStep: 409,
          errors.RunExported: 409, errors.NothingDue: 409, errors.AdvancesOutstanding: 409,
          errors.UnitMismatch: 422, errors.UnknownTransfer: 404, errors.ReturnRefused: 422,
          errors.StatementRefused: 422, errors.StatementImportedBefore: 409, errors.LumpSumsOutstanding: 409}


def visible(principal: StaffPrincipal, municipality: str, region: Iterable[str]) -> bool:
    return principal.sees(municipality) or (municipality == REGION and sees_all(principal, region))


def require_region(principal: StaffPrincipal, region: Iterable[str], what: str = "payment run") -> None:
    """A run (or a region-wide object) named by its id: outside the caller's scope, not there."""
    if not sees_all(principal, region):
        raise not_found(what)


def require_regional(principal: StaffPrincipal, region: Iterable[str]) -> None:
    """Payment runs and advances act for every municipality at once: staff bound to some of them
    may read their items, but not list or start what pays the others."""
    require_all(principal, region, "payment runs and advances")


def require_municipality(principal: StaffPrincipal, municipality: str, what: str) -> None:
    if not principal.sees(municipality):
        raise not_found(what)


def audit(principal: StaffPrincipal, request: Request, action: str, obj: str | None = None) -> AuditEntry:
    return AuditEntry(principal.username, "staff", action, object=obj, client_app=client_app(request))


@contextmanager
def refusals() -> Iterator[None]:
    try:
        yield
    except (SepaError, StatementFormatError) as error:
        raise HTTPException(422, str(error)) from None
    except errors.PaymentsError as error:
        raise HTTPException(STATUS.get(type(error), 422), str(error) or type(error).__name__) from None
