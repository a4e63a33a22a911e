"""Outcome clauses (bonus and malus), for finance: the clauses settled in a year — what each
measured against its threshold and the payment item it became, with that item's state — and, for
finance bound to every municipality, settling a closed year or quarter (a plain form,
POST-redirect-GET). The payments service settles a clause once per period: asking again is
refused with its rule (HF-OUTCOME-SETTLED), shown in Dutch beside the items it booked before.
Controllers may read the page."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Form, Request
from fastapi.responses import Response

from services.web.apis import NotAllowed, Refused
from services.web.clients.region_reports import RegionReportsClient
from services.web.context import Workbench, redirect
from services.web.pages.region_role import region_reader
from services.web.pages.payment_refusals import PaymentRefusal, refusal_of
from services.web.pages.region_choice import QUARTERS, download, period_name
from services.web.pages.report_choice import ReportChoice
from shared.auth.principal import Role

PERIOD = re.compile(r"^20\d\d(-K[1-4])?$")
PERCENTAGES = frozenset({"dropout", "reentry", "goal_attainment"})


@dataclass(frozen=True)
class Settled:
    provider: str
    clause: str
    indicator: str
    period: str
    measured: str
    threshold: str
    cases: int
    amount: int
    status: str


@dataclass
class SettlementsView:
    choice: ReportChoice
    rows: list[Settled] = field(default_factory=list)
    finance: bool = False
    chosen: str = ""
    errors: dict[str, str] = field(default_factory=dict)
    refusal: PaymentRefusal | None = None

    @property
    def periods(self) -> list[tuple[str, str]]:
        """The year shown and its quarters, and the year before (the likeliest to settle in January)."""
        year = self.choice.jaar
        return [(f"{y}{suffix}", period_name(f"{y}{suffix}")) for y in (year, year - 1)
                for suffix in ("", *(f"-K{q}" for q in QUARTERS))]

    def download(self, format: str) -> str:
        return download("afspraken", format, {"jaar": self.choice.jaar})


def router(wb: Workbench) -> APIRouter:
    routes = APIRouter()

    async def page(request: Request, view: SettlementsView, status: int = 200) -> Response:
        user = await region_reader(wb, request)
        report = await RegionReportsClient(wb.api(request)).settlements(view.choice.jaar)
        view.rows, view.finance = settled_rows(report["rows"]), user.has(Role.FINANCE)
        return wb.render(request, "region/settlements.html", view, user, status=status)

    @routes.get("/uitkomstafspraken")
    async def settlements(request: Request) -> Response:
        return await page(request, SettlementsView(ReportChoice.of(request)))

    @routes.post("/uitkomstafspraken/afrekenen")
    async def settle(request: Request, periode: Annotated[str, Form()] = "") -> Response:
        if not (await wb.user(request)).has(Role.FINANCE):
            raise NotAllowed(403, "settling outcome clauses is for finance")
        view = SettlementsView(ReportChoice.of(request), chosen=periode)
        if not PERIOD.match(periode):
            view.errors["periode"] = "required"
            return await page(request, view, 422)
        try:
            done = await RegionReportsClient(wb.api(request)).settle(periode)
        except (Refused, NotAllowed) as refused:
            view.refusal = refusal_of(refused)
            return await page(request, view, refused.status)
        year = int(periode[:4])
        return redirect(f"/uitkomstafspraken?{urlencode({'jaar': year})}",
                        f"outcomes_settled:{len(done['settled'])}/{period_name(periode)}")

    return routes


def settled_rows(rows: list[dict[str, Any]]) -> list[Settled]:
    return [Settled(r["provider name"], r["clause"], r["indicator"], _period(r["period"]),
                    _measured(r["measured"], r["indicator"]), _measured(r["threshold"], r["indicator"]), r["cases"],
                    r["amount"], r["status"]) for r in rows]


def _period(text: str) -> str:
    """'2026-01-01/2026-03-31' -> '1e kwartaal 2026'; a whole year -> '2026'."""
    first, _, last = text.partition("/")
    start, end = date.fromisoformat(first), date.fromisoformat(last)
    if (start.month, end.month) == (1, 12):
        return str(start.year)
    return period_name(f"{start.year}-K{(start.month - 1) // 3 + 1}")


def _measured(value: str | None, indicator: str) -> str:
    if value is None or value == "":
        return "geen gegevens"
    return value.replace(".", ",") + (" %" if indicator in PERCENTAGES else "")
