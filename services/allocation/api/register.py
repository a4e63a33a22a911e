"""Admin API of the register (role admin): read it, and change it the way the region file does.

A route that creates (product, contract, tariff) answers 201 when it did and 200 when the same
was already so; the others answer 200. Either way the body is the register item as it now is.

Scope (shared/auth/scope.py): a budget and a contract for some municipalities are theirs; a
contract naming none covers the whole region, and products are the region's. An admin changes
only what covers municipalities all bound to them: a contract outside their municipalities
answers 404, one covering others as well (a region-wide one included) 403.
"""

from typing import Annotated

from fastapi import APIRouter, Depends, Request, Response

from services.allocation.api.refusals import actor, in_scope, refusals
from services.allocation.api.schemas import (
    BudgetIn,
    BudgetLineOut,
    BudgetOut,
    CeilingIn,
    ContractIn,
    ContractOut,
    ProductDefinitionIn,
    ProductDefinitionOut,
    RegisterOut,
    TariffIn,
    TariffOut,
    TermsIn,
)
from services.allocation.context import Allocations
from services.allocation.domain import register_decisions as rd
from services.allocation.domain.register import Contract, Register
from services.allocation.handlers import register_admin as handle
from shared.api.bounds import Identifier
from shared.auth.http import not_found
from shared.auth.principal import Role, StaffPrincipal
from shared.auth.scope import require_all, sees_any
from shared.auth.staff import StaffAuth

PREFIX = "/allocation/v1/register"
REFUSED = {403: {"description": "needs the admin role, bound to every municipality the change covers"},
           404: {"description": "unknown contract, or a municipality outside your scope"},
           422: {"description": "a field is not valid, or a rule refused it (`errors`: rule, message)"}}
ALREADY = {200: {"description": "already so: nothing changed"}}


def register_router(ctx: Allocations, auth: StaffAuth) -> APIRouter:
    router = APIRouter(prefix=PREFIX, tags=["register"], responses=REFUSED)
    Admin = Annotated[StaffPrincipal, Depends(auth.requires(Role.ADMIN))]

    async def change(command: handle.Change, principal: StaffPrincipal, request: Request) -> handle.Outcome:
        with refusals("contract"):
            return await handle.change(ctx, command, actor(principal, request))

    async def region() -> frozenset[str]:
        return await ctx.queries.region.municipalities()

    async def covering(principal: StaffPrincipal, municipalities: frozenset[str], what: str) -> None:
        """Changing what covers `municipalities` (none: the whole region) needs all of them."""
        covered = municipalities or await region()
        if not sees_any(principal, covered):
            raise not_found(what)
        require_all(principal, covered, what)

    async def contract_in_scope(principal: StaffPrincipal, contract_id: str) -> None:
        contract = (await handle.current(ctx)).contracts.get(contract_id)
        if contract is not None:  # an unknown one is the decider's 404
            await covering(principal, contract.municipalities, "contract")

    @router.get("", response_model=RegisterOut, summary="The register: products, contracts covering your "
                "municipalities with their tariffs and ceilings, budget lines, and your municipalities' budgets")
    async def read(principal: Admin) -> RegisterOut:
        return register_out(await handle.current(ctx), principal)

    @router.post("/products", status_code=201, response_model=ProductDefinitionOut, responses=ALREADY,
                 summary="Define a product")
    async def define_product(body: ProductDefinitionIn, principal: Admin, request: Request,
                             response: Response) -> ProductDefinitionOut:
        require_all(principal, await region(), "a product of the region")
        outcome = await change(rd.DefineProduct(body.category, body.code, body.unit, body.variant),
                               principal, request)
        response.status_code = 201 if outcome.changed else 200
        return ProductDefinitionOut(**vars(outcome.register.products[(body.category, body.code)]))

    @router.post("/contracts", status_code=201, response_model=ContractOut, responses=ALREADY,
                 summary="Conclude a contract")
    async def conclude(body: ContractIn, principal: Admin, request: Request, response: Response) -> ContractOut:
        for municipality in body.municipalities:
            in_scope(principal, municipality, "municipality")
        await covering(principal, frozenset(body.municipalities), "contract")
        command = rd.ConcludeContract(body.contract_id, body.provider_agb, body.payment_term_days,
                                      frozenset(body.municipalities), body.advance_per_month)
        outcome = await change(command, principal, request)
        response.status_code = 201 if outcome.changed else 200
        return contract_out(outcome.register.contracts[body.contract_id])

    @router.post("/contracts/{contract_id}/terms", response_model=ContractOut,
                 summary="Amend a contract's payment term and advance")
    async def amend(contract_id: Identifier, body: TermsIn, principal: Admin, request: Request) -> ContractOut:
        await contract_in_scope(principal, contract_id)
        command = rd.AmendContractTerms(contract_id, body.payment_term_days, body.advance_per_month)
        return contract_out((await change(command, principal, request)).register.contracts[contract_id])

    @router.post("/contracts/{contract_id}/tariffs", status_code=201, response_model=ContractOut, responses=ALREADY,
                 summary="Agree a tariff for a period; it closes an open-ended one of the same product "
                 "that starts earlier, and may not overlap any other (HF-TARIFF-OVERLAP)")
    async def agree(contract_id: Identifier, body: TariffIn, principal: Admin, request: Request,
                    response: Response) -> ContractOut:
        await contract_in_scope(principal, contract_id)
        command = rd.AgreeTariff(contract_id, body.category, body.code, body.valid_from, body.amount,
                                 body.valid_until)
        outcome = await change(command, principal, request)
        response.status_code = 201 if outcome.changed else 200
        return contract_out(outcome.register.contracts[contract_id])

    @router.post("/contracts/{contract_id}/ceilings", response_model=ContractOut,
                 summary="Set the contract's budget ceiling for a year")
    async def ceiling(contract_id: Identifier, body: CeilingIn, principal: Admin, request: Request) -> ContractOut:
        await contract_in_scope(principal, contract_id)
        command = rd.SetBudgetCeiling(contract_id, body.year, body.ceiling)
        return contract_out((await change(command, principal, request)).register.contracts[contract_id])

    @router.post("/budgets", response_model=BudgetOut,
                 summary="Set a municipality's budget for a year and budget line")
    async def budget(body: BudgetIn, principal: Admin, request: Request) -> BudgetOut:
        in_scope(principal, body.municipality, "municipality")
        command = rd.SetMunicipalBudget(body.municipality, body.year, body.budget_line, body.amount)
        await change(command, principal, request)
        return BudgetOut(**body.model_dump())

    return router


def register_out(register: Register, principal: StaffPrincipal) -> RegisterOut:
    return RegisterOut(
        products=[ProductDefinitionOut(**vars(p)) for _, p in sorted(register.products.items())],
        contracts=[contract_out(c) for _, c in sorted(register.contracts.items())
                   if not c.municipalities or sees_any(principal, c.municipalities)],
        budget_lines=[BudgetLineOut(code=line.code, name=line.name, categories=sorted(line.categories))
                      for _, line in sorted(register.budget_lines.items())],
        budgets=[BudgetOut(municipality=m, year=year, budget_line=line, amount=amount)
                 for (m, year, line), amount in sorted(register.municipal_budgets.items())
                 if principal.sees(m)])


def contract_out(contract: Contract) -> ContractOut:
    return ContractOut(
        contract_id=contract.contract_id, provider_agb=contract.provider_agb,
        municipalities=sorted(contract.municipalities), payment_term_days=contract.payment_term_days,
        advance_per_month=contract.advance_per_month, ceilings=dict(sorted(contract.ceilings.items())),
        tariffs=[TariffOut(category=t.category, code=t.code, unit=t.unit, valid_from=t.valid_from,
                           valid_until=t.valid_until, amount=t.amount) for t in contract.tariffs])
