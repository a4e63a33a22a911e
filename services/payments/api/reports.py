"""Reports for roles controller and finance, scoped to the caller's municipalities, each as JSON,
CSV (`?format=csv`) or XLSX (`?format=xlsx`)."""

from collections import defaultdict
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import date
from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Response

from services.payments.adapters import report_inputs as inputs
from services.payments.adapters.financing_terms import lump_sum_terms
from services.payments.adapters.region_terms import contracts_of, products_of
from services.payments.api.access import require_municipality, visible
from services.payments.api.exports import TABLE, Format, table_response
from services.payments.api.report_tables import Names, monthly_table, with_names, with_thresholds
from services.payments.context import Payments
from services.payments.domain import budget, ceilings, referrals, statements
from services.payments.domain.commitments import AllocationTerms
from services.payments.domain.lump_sum_budget import lump_sum_facts
from services.payments.domain.lump_sums import LumpSumTerms
from services.payments.domain import report_tables as tables
from shared.api.bounds import Agb, Day, Gemeente, Year
from shared.auth.http import not_found
from shared.auth.principal import Role, StaffPrincipal
from shared.auth.staff import StaffAuth

PREFIX = "/payments/v1/reports"


def reports_reader(auth: StaffAuth) -> Callable[..., Awaitable[StaffPrincipal]]:
    async def reader(principal: Annotated[StaffPrincipal, Depends(auth.requires())]) -> StaffPrincipal:
        if not (principal.has(Role.CONTROLLER) or principal.has(Role.FINANCE) or Role.AUDITOR in principal.roles):
            raise HTTPException(403, "reports need the controller, finance or auditor role")
        return principal

    return reader


def reports_router(ctx: Payments, auth: StaffAuth) -> APIRouter:
    router = APIRouter(prefix=PREFIX, tags=["reports"], responses=TABLE)
    Reader = Annotated[StaffPrincipal, Depends(reports_reader(auth))]

    @router.get("/budget", summary="Budget exhaustion per budget line, per month: realised, committed, forecast",
                description="Realised: approved lines by month of care, and the lump-sum periods booked (each "
                            "municipality's share, in the month the period starts); committed: what active "
                            "allocations still commit, and the lump-sum periods of the year not booked yet. Lines "
                            "declared under a lump sum are information and count for nothing.")
    async def budget_report(year: Year, principal: Reader, municipality: Gemeente | None = None,
                            format: Format = "json") -> Response:
        if municipality is not None:
            require_municipality(principal, municipality, "municipality")
        found, names = await _budget_reports(ctx, principal, municipality, year)
        whom = names.municipality(municipality) if municipality else "alle gemeenten"
        summary = with_names(tables.exhaustion_table(found, f"budgetuitputting {whom} {year}"), names)
        months = with_names(monthly_table(found, f"budget per maand {whom} {year}"), names)
        return table_response(summary, format, [months])

    @router.get("/budget/months", summary="Budget per budget line per month, one table (for CSV)")
    async def budget_months(year: Year, principal: Reader, municipality: Gemeente | None = None,
                            format: Format = "json") -> Response:
        if municipality is not None:
            require_municipality(principal, municipality, "municipality")
        found, names = await _budget_reports(ctx, principal, municipality, year)
        whom = names.municipality(municipality) if municipality else "alle gemeenten"
        return table_response(with_names(monthly_table(found, f"budget per maand {whom} {year}"), names), format)

    @router.get("/ceilings", summary="Ceiling usage per provider (approved + held against the ceiling)")
    async def ceiling_report(year: Year, principal: Reader, format: Format = "json") -> Response:
        set_for_year = await ctx.queries.reports.ceilings(year)
        known = await ctx.queries.reference.sections()
        contracts, region = contracts_of(known.get("contracts", [])), frozenset(known.get("budgets", {}))
        seen = {c.contract_id for c in contracts
                if any(visible(principal, m, region) for m in (c.municipalities or region))}
        found = [c for c in set_for_year if c.contract_id in seen]
        table = tables.ceiling_table(ceilings.usage_report(found), f"budgetplafonds {year}")
        return table_response(with_names(with_thresholds(table, found), Names.of(known)), format)

    @router.get("/providers/{provider}/statement", summary="What the book holds for a provider, by due date")
    async def provider_statement(provider: Agb, principal: Reader, first: Day, last: Day,
                                 format: Format = "json") -> Response:
        known = await ctx.queries.reference.sections()
        _, book = await ctx.queries.books.book()
        providers, region = {p["agb"] for p in known.get("providers", [])}, frozenset(known.get("budgets", {}))
        if provider not in providers:
            raise not_found("provider")
        whole = statements.provider_statement(book, provider, first, last)
        mine = tuple(i for i in whole.items if visible(principal, i.municipality, region))
        statement = statements.ProviderStatement(provider, first, last, mine)
        return table_response(with_names(tables.statement_table(statement), Names.of(known)), format)

    @router.get("/referrals", summary="Allocations by referrer type per municipality")
    async def referral_report(year: Year, principal: Reader, format: Format = "json") -> Response:
        referred = await ctx.queries.reports.referred(sorted(principal.municipalities), year)
        names = Names.of(await ctx.queries.reference.sections())
        counts = referrals.referrals_by_type(referred, year)
        return table_response(with_names(tables.referral_table(counts, f"verwijzingen {year}"), names), format)

    return router


async def _budget_reports(ctx: Payments, principal: StaffPrincipal, municipality: str | None,
                          year: int) -> tuple[tuple[budget.BudgetReport, ...], Names]:
    facts = ctx.queries.reports
    known = await ctx.queries.reference.sections()
    chosen = [municipality] if municipality else sorted(m for m in known.get("budgets", {}) if principal.sees(m))
    products, contracts = products_of(known.get("products", [])), contracts_of(known.get("contracts", []))
    lines = [line for m in chosen for line in inputs.budget_lines(known.get("budgets", {}), m, year)]
    realised = inputs.realised(await facts.counted_lines(year, chosen), products)
    allocations = inputs.allocation_terms(await facts.committing(chosen, year), products, contracts,
                                          ctx.clock.today(), await facts.consumed_volumes(chosen))
    schedules = lump_sum_terms(known)
    _, book = await ctx.queries.books.book()
    paid, owed = lump_sum_facts(schedules, book, year)
    facts = _Facts(realised + paid, allocations, owed)
    return _per_line(lines, facts, schedules, ctx.clock.today()), Names.of(known)


@dataclass(frozen=True)
class _Facts:
    realised: list[budget.Realised]
    allocations: list[AllocationTerms]
    scheduled: list[budget.Scheduled]


def _per_line(lines: list[budget.BudgetLine], facts: _Facts, schedules: tuple[LumpSumTerms, ...],
              today: date) -> tuple[budget.BudgetReport, ...]:
    """Each line's report from its own facts only: the domain looks through everything it is
    given for each line, which for the whole region (33 lines, 6,600 allocations) took 0.2 s."""
    mine: dict[tuple[str, str], _Facts] = defaultdict(lambda: _Facts([], [], []))
    for r in facts.realised:
        mine[(r.municipality, r.budget_line)].realised.append(r)
    for a in facts.allocations:
        mine[(a.municipality, a.budget_line)].allocations.append(a)
    for s in facts.scheduled:
        mine[(s.municipality, s.budget_line)].scheduled.append(s)
    return tuple(budget.budget_report(line, f.realised, f.allocations, today, f.scheduled, schedules)
                 for line in lines for f in [mine[(line.municipality, line.name)]])
