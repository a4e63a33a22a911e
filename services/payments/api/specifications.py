"""Payment specifications (issue 15): finance reads any provider's in a run
(`/payments/v1/runs/{run}/specifications/{provider}`); a provider — or a hub for the providers it
sends for — reads its own in every run sent to the bank, with its party token, here.

Payments authenticates parties from the region's `parties` section (token hashes as the gateway
holds them, services/gateway/region/loader.py); anything else is 401, and another party's
specification answers 404, as a mailbox item does."""

from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Request, Response

from services.payments.adapters.specification_csv import specification_csv
from services.payments.api.schemas import SpecificationOut
from services.payments.context import Payments
from services.payments.domain import specification as specs
from services.payments.domain.book import CONFIRMED, EXPORTED
from shared.api.bounds import Agb, Identifier
from shared.auth.http import not_found
from shared.auth.principal import PartyKind, PartyPrincipal
from shared.auth.tokens import TokenGuard

PREFIX = "/payments/v1/specifications"
CSV = "text/csv; charset=utf-8"
SpecFormat = Literal["json", "csv"]


def specification_response(spec: specs.Specification, format: SpecFormat) -> Response:
    if format == "csv":
        name = f"betaalspecificatie-{spec.run_id}-{spec.provider}.csv"
        return Response(specification_csv(spec), media_type=CSV,
                        headers={"Content-Disposition": f'attachment; filename="{name}"'})
    return Response(SpecificationOut.of(spec).model_dump_json(), media_type="application/json")


def specifications_router(ctx: Payments, guard: TokenGuard) -> APIRouter:
    router = APIRouter(prefix=PREFIX, tags=["payment specifications"])

    async def by_hash(hashed: str) -> PartyPrincipal | None:
        parties = await ctx.queries.reference.section("parties", [])
        found = next((p for p in parties if hashed in p.get("token_hashes", [])), None)
        if found is None:
            return None
        return PartyPrincipal(found["code"], PartyKind(found["kind"]), frozenset(found.get("on_behalf_of", [])))

    async def party(request: Request) -> PartyPrincipal:
        """Unknown tokens count against their address, as at the gateway (shared/auth/tokens.py)."""
        return await guard.identify(request, by_hash)

    Party = Annotated[PartyPrincipal, Depends(party)]

    @router.get("", response_model=list[SpecificationOut], summary="Your payment specifications, newest run last")
    async def mine(caller: Party) -> list[SpecificationOut]:
        _, book = await ctx.queries.books.book()
        return [SpecificationOut.of(s) for s in specs.sent_to(book, caller.mailboxes)]

    @router.get("/{run_id}/{provider}", response_model=SpecificationOut,
                summary="Your specification in one run, as JSON or as CSV for Dutch spreadsheets (;, decimal comma)")
    async def one(run_id: Identifier, provider: Agb, caller: Party, format: SpecFormat = "json") -> Response:
        _, book = await ctx.queries.books.book()
        run = book.runs.get(run_id)
        found = specs.specification(book, run_id, provider) if provider in caller.mailboxes else None
        if found is None or run is None or run.status not in (EXPORTED, CONFIRMED):
            raise not_found("payment specification")
        return specification_response(found, format)

    return router
