"""Who may see what in the payments API (design.md §7), and how refusals answer.

Items belong to a municipality; region-wide items (advances of a contract covering the whole
region) and payment runs (which pay for every municipality at once) are visible only to staff
bound to every municipality of the region (shared/auth/scope.py). A run or item outside the
caller's scope answers 404; runs and advances as a whole answer 403 to staff bound to some
municipalities only.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from fastapi import Request

from services.payments.adapters.region_terms import REGION
from services.payments.adapters.camt053 import StatementFormatError
from services.payments.adapters.sepa import SepaError
from services.payments.domain import errors
from services.payments.ports import PaymentsPorts
from shared.api.problems import BLANK, MESSAGE_LIMIT, RULE, Refusal
from shared.audit import AuditEntry, Origin
from shared.auth.http import not_found
from shared.auth.principal import StaffPrincipal
from shared.auth.scope import require_all, sees_all

STATUS = {errors.NotAllowed: 403, errors.SameUser: 403, errors.UnknownRun: 404, errors.RunNotInStep: 409,
          errors.RunExported: 409, errors.NothingDue: 409, errors.AdvancesOutstanding: 409,
          errors.UnitMismatch: 422, errors.UnknownTransfer: 404, errors.ReturnRefused: 422,
          errors.StatementRefused: 422, errors.StatementImportedBefore: 409, errors.LumpSumsOutstanding: 409}


def visible(principal: StaffPrincipal, municipality: str, region: Iterable[str]) -> bool:
    return principal.sees(municipality) or (municipality == REGION and sees_all(principal, region))


async def region_of(queries: PaymentsPorts) -> frozenset[str]:
    """The region's municipalities: those the region file gives budgets for."""
    return frozenset(await queries.reference.section("budgets", {}))


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
    return AuditEntry.by_staff(principal, Origin.of(request), action, object=obj)


RULES = {errors.SameUser: "HF-FOUR-EYES", errors.RunExported: "HF-RUN-EXPORTED", errors.RunNotInStep: "HF-RUN-STEP",
         errors.NothingDue: "HF-NOTHING-DUE", errors.AdvancesOutstanding: "HF-ADVANCES-OUTSTANDING",
         errors.ReturnRefused: "HF-RETURN", errors.UnknownTransfer: "HF-NO-TRANSFER",
         errors.StatementImportedBefore: "HF-STATEMENT-TWICE", StatementFormatError: "HF-STATEMENT-FORMAT",
         SepaError: "HF-SEPA"}
"""The rule a refusal names when its message does not start with one (`HF-…: why`)."""
_NAMED = re.compile(r"^(HF-[A-Z0-9-]+): ")


@contextmanager
def refusals() -> Iterator[None]:
    """A refusal of the domain as a problem document naming its rule in `errors[].rule`, so a
    client (the workbench) can say in its own words what rule refused it."""
    try:
        yield
    except (SepaError, StatementFormatError, errors.PaymentsError) as error:
        raise refusal(STATUS.get(type(error), 422), error) from None


def refusal(status: int, error: Exception) -> Refusal:
    """422 is a rule's problem type; a 403 (four eyes) or 409 (a step out of order) keeps the
    plain type of its status (README, errors), and names its rule all the same."""
    message = str(error) or type(error).__name__
    rule = rule_of(error)
    if rule is None:
        return Refusal(status, message)
    return Refusal(status, message, type=RULE if status == 422 else BLANK,
                   errors=[{"rule": rule, "message": message[:MESSAGE_LIMIT]}])


def rule_of(error: Exception) -> str | None:
    named = _NAMED.match(str(error))
    return named.group(1) if named else next((r for t, r in RULES.items() if isinstance(error, t)), None)
