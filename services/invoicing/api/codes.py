"""The retourcodes the invoicing service decides with, and what each means: one table that the
staff screens show beside every code (style.md, the workbench)."""

from typing import Annotated

from fastapi import APIRouter, Depends

from services.invoicing.api.schemas import RetourCode
from services.invoicing.domain import retourcodes as rc
from shared.auth.principal import StaffPrincipal
from shared.auth.staff import StaffAuth


def codes_router(auth: StaffAuth) -> APIRouter:
    router = APIRouter(prefix="/invoicing/v1/retourcodes", tags=["exception queue"])

    @router.get("", response_model=list[RetourCode], summary="Every retourcode a JW325 can hold, with its rule "
                "and its meaning in Dutch; `rejects` marks those a line can be rejected with")
    async def codes(_: Annotated[StaffPrincipal, Depends(auth.requires())]) -> list[RetourCode]:
        return [RetourCode(code=code, rule=rc.RULE_OF[code], description=rc.DESCRIPTION[code])
                for code in rc.RULE_OF] + [RetourCode(code=code, rule=None, description=description, rejects=False)
                                           for code, description in rc.ANSWER_DESCRIPTION.items()]

    return router
