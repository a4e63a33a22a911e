"""Reports on how the region bought its care (issue 17): spending per main contractor and
subcontractor, budget exhaustion per lot and the tariff harmonisation view — for controllers
(contract managers) and finance, scoped to the caller's municipalities, as JSON, CSV or XLSX."""


from datetime import date, timedelta
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Response

from services.payments.adapters.procurement_terms import contract_lots, regional_tariffs, subcontracting_of
from services.payments.adapters.region_terms import contract_for, contracts_of, products_of
from services.payments.api.access import visible
from services.payments.api.exports import TABLE, Format, table_response
from services.payments.api.report_tables import Names, with_names
from services.payments.api.reports import PREFIX, _budget_reports, reports_reader
from services.payments.context import Payments
from services.payments.domain import harmonisation as h
from services.payments.domain import region_tables as tables
from services.payments.domain.calendar_periods import month_of, next_month
from services.payments.domain.lots import lot_exhaustion
from services.payments.domain.lump_sum_budget import lump_sums_paid
from services.payments.domain.subcontracting import SpentLine, spending
from shared.api.bounds import Day, Year
from shared.auth.principal import StaffPrincipal
from shared.auth.staff import StaffAuth


def region_reports_router(ctx: Payments, auth: StaffAuth) -> APIRouter:
    router = APIRouter(prefix=PREFIX, tags=["reports"], responses=TABLE)

    Reader = Annotated[StaffPrincipal, Depends(reports_reader(auth))]

    @router.get("/contractors", summary="Spending per main contractor and per subcontractor (realised, pending)")
    async def contractors(year: Year, principal: Reader, format: Format = "json") -> Response:
        facts = ctx.queries.region_facts
        known = await facts.sections()
        mine = _mine(principal, known)
        lines = await facts.declared_lines(mine, date(year, 1, 1), date(year, 12, 31))
        _, book = await ctx.queries.books.book()
        contracts = contracts_of(known.get("contracts", []))
        # Under a lump sum the lump sum is what is spent (its booked shares, the main contractor's
        # own), not the lines declared under it, which are information.
        spent = [SpentLine(line.municipality, line.provider, getattr(contract_for(
            contracts, line.provider, line.municipality), "contract_id", None), line.code, line.amount, line.pending)
            for line in lines if line.lump_sum is None]
        spent += [SpentLine(s.municipality, s.provider, s.contract_id, None, s.amount)
                  for s in lump_sums_paid(book, year) if s.municipality in mine]
        rows = spending(spent, subcontracting_of(known.get("procurement")))
        names = Names.of(known)
        detail = with_names(tables.contractor_table(rows, f"onderaanneming {year}"), names)
        return table_response(detail, format, [with_names(tables.main_contractor_table(rows, f"hoofdaannemers {year}"),
                                                          names)])

    @router.get("/lots", summary="Budget exhaustion per lot (perceel) over the caller's municipalities")
    async def lots(year: Year, principal: Reader, format: Format = "json") -> Response:
        found, names = await _budget_reports(ctx, principal, None, year)
        known = await ctx.queries.region_facts.sections()
        rows = lot_exhaustion(found, contract_lots(known.get("procurement")), known.get("budget_lines") or {})
        return table_response(with_names(tables.lot_table(rows, f"uitputting per perceel {year}"), names), format)

    @router.get("/tariffs", summary="Tariffs in force per product, their spread, and the month at one regional tariff")
    async def tariffs(month: Day, principal: Reader, format: Format = "json") -> Response:
        first = month_of(month)
        last = next_month(first) - timedelta(days=1)
        facts = ctx.queries.region_facts
        known = await facts.sections()
        mine = _mine(principal, known)
        lines = await facts.declared_lines(mine, first, last)
        in_force = _in_force(known, principal, first)
        # Every volume delivered is priced, also under a lump sum: the question is what the care
        # would cost at one tariff, not what was paid.
        delivered = [h.Delivered(line.code, line.unit, line.volume, line.amount) for line in lines
                     if not line.pending and line.code]
        rows = h.harmonisation(in_force, delivered, regional_tariffs(known.get("procurement")))
        title, names = f"tariefharmonisatie {first:%Y-%m}", Names.of(known)
        return table_response(with_names(tables.harmonisation_table(rows, title), names), format,
                              [with_names(tables.tariffs_in_force_table(in_force, f"tarieven {first:%Y-%m}"), names)])

    return router


def _mine(principal: StaffPrincipal, known: dict[str, Any]) -> list[str]:
    return sorted(m for m in known.get("budgets", {}) if principal.sees(m))


def _in_force(known: dict[str, Any], principal: StaffPrincipal, on: date) -> list[h.TariffInForce]:
    """The tariffs of the contracts covering any of the caller's municipalities, valid on `on`."""
    products, region = products_of(known.get("products", [])), frozenset(known.get("budgets", {}))
    found = []
    for c in contracts_of(known.get("contracts", [])):
        if not any(visible(principal, m, region) for m in (c.municipalities or region)):
            continue
        for t in c.tariffs:
            if t.code in products and t.valid_from <= on and (t.valid_to is None or on <= t.valid_to):
                found.append(h.TariffInForce(t.code, c.contract_id, c.provider, c.municipalities, t.cents,
                                             products[t.code]["unit"]))
    return found
