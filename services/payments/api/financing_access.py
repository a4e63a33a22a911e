"""Who may read and act on the region's financing (issue 17), and how its refusals answer:
problem details naming each rule broken (`errors[].field`, `.rule`)."""


from collections.abc import Iterator
from contextlib import contextmanager
from typing import Annotated

from fastapi import Depends, HTTPException

from services.payments.api.access import refusals
from services.payments.domain.errors import FinancingRefused, UnknownSchedule
from shared.api.problems import RULE, Refusal
from shared.auth.principal import Role, StaffPrincipal
from shared.auth.staff import StaffAuth


def reader_of(auth: StaffAuth) -> object:
    async def reader(principal: Annotated[StaffPrincipal, Depends(auth.requires())]) -> StaffPrincipal:
        if not (principal.has(Role.CONTROLLER) or principal.has(Role.FINANCE) or Role.AUDITOR in principal.roles):
            raise HTTPException(403, "the region's ledger and lump sums need the controller, finance or auditor role")
        return principal

    return reader


@contextmanager
def financing_refusals() -> Iterator[None]:
    with refusals():
        try:
            yield
        except UnknownSchedule:
            raise HTTPException(404, "lump-sum schedule not found") from None
        except FinancingRefused as refused:
            errors = [{"field": f"body.{field}", "rule": rule, "message": message}
                      for field, rule, message in refused.problems]
            raise Refusal(422, f"{len(errors)} rule(s) refused the request", type=RULE, errors=errors) from None
