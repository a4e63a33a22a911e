"""Finance's payment runs: every run, the open ones first, and a new run of everything due up to a
date. Creating answers with a redirect to the new run, where its payments per provider stand
beside the previous run's (payment_run.py)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import Response

from services.web.apis import Refused
from services.web.clients.payment_runs import PaymentRunsClient
from services.web.context import Workbench, redirect
from services.web.formatting import date_from_text
from services.web.pages.finance_role import finance_user
from services.web.pages.payment_refusals import PaymentRefusal, refusal_of

OPEN = ("created", "approved", "exported")
"""A run in one of these steps still waits for someone (a colleague, the export, the bank)."""


@dataclass
class RunsView:
    runs: list[dict[str, Any]]
    due_up_to: str = ""
    errors: dict[str, str] = field(default_factory=dict)
    refusal: PaymentRefusal | None = None


def open_first(runs: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Open runs first, each group newest due date first."""
    newest = sorted(runs, key=lambda r: (r["due_up_to"], r["run_id"]), reverse=True)
    return [r for r in newest if r["status"] in OPEN] + [r for r in newest if r["status"] not in OPEN]


def router(wb: Workbench) -> APIRouter:
    routes = APIRouter()

    @routes.get("/betaalrondes")
    async def runs(request: Request) -> Response:
        user = await finance_user(wb, request)
        view = RunsView(open_first(await PaymentRunsClient(wb.api(request)).runs()))
        return wb.render(request, "payments/runs.html", view, user)

    @routes.post("/betaalrondes")
    async def create(request: Request, vervallen_tot: Annotated[str, Form()] = "") -> Response:
        user = await finance_user(wb, request)
        client = PaymentRunsClient(wb.api(request))
        view = RunsView([], vervallen_tot.strip())
        try:
            created = await client.create(date_from_text(view.due_up_to))
        except ValueError:
            view.errors["vervallen_tot"] = "date" if view.due_up_to else "empty"
        except Refused as refused:
            view.refusal = refusal_of(refused)
            if "body.due_up_to" in view.refusal.fields:
                view.errors["vervallen_tot"], view.refusal = "bounds", None
        else:
            return redirect(f"/betaalrondes/{created['run_id']}", "run_created")
        view.runs = open_first(await client.runs())
        status = view.refusal.status if view.refusal else 422
        return wb.render(request, "payments/runs.html", view, user, status=status)

    return routes
