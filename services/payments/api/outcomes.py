"""Outcome indicators (issue 17, item 6) for controllers (contract managers) and finance: per
provider and product and per municipality (population level), the cases behind them (by
allocation number and client pseudonym, never a BSN; audited), the providers' scores imported
from CSV, and the settlement of outcome clauses into a bonus or malus for a closed period."""


from typing import Annotated, Literal

from fastapi import APIRouter, Body, Depends, HTTPException, Request, Response
from pydantic import BaseModel, Field, StringConstraints

from services.payments.adapters.procurement_terms import reentry_days
from services.payments.api.access import audit, require_regional, visible
from services.payments.api.exports import TABLE, Format, table_response
from services.payments.api.report_tables import Names, with_names
from services.payments.api.reports import reports_reader
from services.payments.api.statements import read_limited
from services.payments.context import Payments
from services.payments.domain import outcomes as o
from services.payments.domain import region_tables as tables
from services.payments.domain.outcome_clauses import AlreadySettled, NoClauses, PeriodOpen
from services.payments.domain.outcome_periods import Period, parse_period
from services.payments.domain.outcome_scores import Score
from services.payments.handlers.outcomes import ScoresRefused, import_scores, settle_outcomes
from shared.api.bounds import Agb, Gemeente, ProductCode, Year
from shared.api.problems import RULE, Refusal
from shared.auth.principal import Role, StaffPrincipal
from shared.auth.staff import StaffAuth

PeriodText = Annotated[str, StringConstraints(pattern=r"^20\d\d(-K[1-4])?$")]
CSV_BODY = {"required": True, "content": {"text/csv": {"schema": {"type": "string"}, "example":
            "aanbieder;product;periode;tevredenheid;doelrealisatie;respondenten\n98000001;;2026;7,8;82;41\n"}}}
MAX_CSV = 1024 * 1024
SETTLE_REFUSALS = {PeriodOpen: ("HF-OUTCOME-PERIOD-OPEN", 422), NoClauses: ("HF-OUTCOME-NO-CLAUSE", 422),
                   AlreadySettled: ("HF-OUTCOME-SETTLED", 409)}


class OutcomeSettleIn(BaseModel):
    period: Annotated[PeriodText, Field(examples=["2026"])]
    """A closed year (2026) or quarter (2026-K2)."""


def outcomes_router(ctx: Payments, auth: StaffAuth) -> APIRouter:
    router = APIRouter(tags=["outcomes"])

    # Controllers and finance; an auditor reads them too (and, like everyone, imports only with a
    # role that changes things: auth.requires refuses an auditor's POST).
    Reader = Annotated[StaffPrincipal, Depends(reports_reader(auth))]
    Finance = Annotated[StaffPrincipal, Depends(auth.requires(Role.FINANCE))]

    async def regional(principal: StaffPrincipal) -> None:
        require_regional(principal, (await ctx.queries.region_facts.sections()).get("budgets", {}))

    async def found_cases(principal: StaffPrincipal, period: Period) -> tuple[tuple[o.Case, ...], list[Score], Names]:
        facts = ctx.queries.region_facts
        known = await facts.sections()
        mine = sorted(m for m in known.get("budgets", {}) if principal.sees(m))
        trajectories = await facts.trajectories(mine, period)
        starts = await facts.starts_after({t.client for t in trajectories}, period.first)
        scores = await facts.scores(period)
        found = o.cases(trajectories, starts, reentry_days(known.get("procurement")), ctx.clock.today())
        return found, scores, Names.of(known)

    @router.get("/payments/v1/reports/outcomes", responses=TABLE,
                summary="Outcome indicators per provider and product, or per municipality (population level)")
    async def indicators(period: PeriodText, principal: Reader, level: Literal["provider", "municipality"] = "provider",
                         format: Format = "json") -> Response:
        chosen = parse_period(period) or _bad_period()
        found, scores, names = await found_cases(principal, chosen)
        if level == "municipality":
            rows = o.indicators(found, o.per_municipality)
            table = tables.indicator_table(rows, ("municipality",), {}, f"uitkomsten per gemeente {chosen.label}")
        else:
            rows = o.indicators(found, o.per_provider_product)
            by_key = {(s.provider, s.code or ""): (s.satisfaction, s.goal_attainment, s.respondents) for s in scores}
            table = tables.indicator_table(rows, ("provider", "product"), by_key, f"uitkomsten {chosen.label}")
        return table_response(with_names(table, names), format)

    @router.get("/payments/v1/reports/outcomes/cases", responses=TABLE,
                summary="The cases behind the indicators: one trajectory per row, by allocation and pseudonym")
    async def case_list(request: Request, period: PeriodText, principal: Reader, provider: Agb | None = None,
                        product: ProductCode | None = None, municipality: Gemeente | None = None,
                        format: Format = "json") -> Response:
        chosen = parse_period(period) or _bad_period()
        found, _, names = await found_cases(principal, chosen)
        chosen_cases = [c for c in found if (provider is None or c.trajectory.provider == provider)
                        and (product is None or c.trajectory.code == product)
                        and (municipality is None or c.trajectory.municipality == municipality)]
        entry = audit(principal, request, "payments.outcomes.cases", f"{chosen.label} {provider or ''}".strip())
        await ctx.audit.record_alone(ctx.store, entry)  # type: ignore[arg-type]
        table = tables.case_table(chosen_cases, f"trajecten {chosen.label}")
        return table_response(with_names(table, names), format)

    @router.post("/payments/v1/outcomes/scores", status_code=201, openapi_extra={"requestBody": CSV_BODY},
                 responses={413: {}, 422: {}},
                 summary="Import client satisfaction and goal attainment per provider and period (CSV): "
                         "how many rows were stored, and the periods they are for")
    async def scores_import(request: Request, principal: Reader, filename: Annotated[str, StringConstraints(
            max_length=120)] = "scores.csv") -> dict[str, object]:
        await regional(principal)
        raw = await read_limited(request, MAX_CSV)
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            raise Refusal(422, "the file is not UTF-8", type=RULE, errors=[{
                "rule": "HF-OUTCOME-FORMAT", "message": "the file must be UTF-8 text"}]) from None
        try:
            stored = await import_scores(ctx, text, filename, audit(principal, request, "payments.outcomes.import"))
        except ScoresRefused as refused:
            raise Refusal(422, str(refused), type=RULE, errors=[
                {"rule": p.rule, "line": p.line, "field": p.field, "value": p.value, "message": p.message}
                for p in refused.problems]) from None
        return {"imported": len(stored), "periods": [p.label for p in sorted({s.period for s in stored})]}

    @router.get("/payments/v1/outcomes/scores", responses=TABLE, summary="The providers' scores of a period")
    async def scores(period: PeriodText, principal: Reader, format: Format = "json") -> Response:
        chosen = parse_period(period) or _bad_period()
        _, found, names = await found_cases(principal, chosen)
        table = tables.score_table(found, f"scores {chosen.label}")
        return table_response(with_names(table, names), format)

    @router.post("/payments/v1/outcomes/settlements", status_code=201, responses={403: {}, 409: {}, 422: {}},
                 summary="Settle the outcome clauses of a closed period: a bonus or malus item, once per clause "
                         "(a period settled before: 409 HF-OUTCOME-SETTLED)")
    async def settle(request: Request, principal: Finance, body: Annotated[OutcomeSettleIn, Body()]) -> dict[str, object]:
        await regional(principal)
        chosen = parse_period(body.period) or _bad_period()
        try:
            decided = await settle_outcomes(ctx, chosen, principal.username,
                                            audit(principal, request, "payments.outcomes.settle", chosen.label))
        except (PeriodOpen, NoClauses, AlreadySettled) as error:
            rule, status = SETTLE_REFUSALS[type(error)]
            raise Refusal(status, str(error), type=RULE, errors=[{"rule": rule, "message": str(error)}]) from None
        return {"settled": [{"item_id": e.item_id, "contract_id": e.contract_id, "clause": e.clause_id,
                             "measured": e.measured, "cases": e.cases, "amount": e.amount} for e in decided]}

    @router.get("/payments/v1/outcomes/settlements", responses=TABLE, summary="Outcome clauses settled in a year")
    async def settlements(year: Year, principal: Reader, format: Format = "json") -> Response:
        _, book = await ctx.queries.books.book()
        known = await ctx.queries.region_facts.sections()
        region = frozenset(known.get("budgets", {}))
        rows = [e for e in book.outcomes.values() if e.period_start.year == year and visible(principal, e.municipality, region)]
        statuses = {i.item_id: i.status for i in book.items.values() if i.item_id in book.outcomes}
        table = tables.settlement_table(sorted(rows, key=lambda e: e.item_id), statuses, f"uitkomstafspraken {year}")
        return table_response(with_names(table, Names.of(known)), format)

    return router


def _bad_period() -> Period:
    raise HTTPException(422, "not a period")

