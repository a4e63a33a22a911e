"""One payment run: what it pays each provider beside the previous run sent to the bank, and its next
step — approve (by a colleague: four eyes), export and download the SEPA pain.001, confirm, or
cancel. The payments service says which steps the signed-in user may take now, and why not
(`/runs/{id}/steps`); the page offers only those, and explains a four-eyes refusal with who may.
Each step is a plain form answered with a redirect; a refusal shows the page again with the rule."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Form, Request
from fastapi.responses import Response

from services.web.apis import NotAllowed, NotFound, Refused
from services.web.clients.gateway import Directory, GatewayClient
from services.web.clients.payment_runs import PaymentRunsClient
from services.web.context import Workbench, redirect
from services.web.formatting import date_from_text, short_date
from services.web.pages.finance_role import finance_user
from services.web.pages.payment_refusals import PaymentRefusal, refusal_of
from shared.auth.principal import StaffPrincipal
from shared.clock import SystemClock

TEXT_LIMIT = 500  # the payments API's limit on a note or a reason
RULE_FIELDS = {"HF-EXECUTION-DATE": ("uitvoeringsdatum", "past"), "HF-EXECUTED-ON": ("uitgevoerd_op", "future")}
API_FIELDS = {"body.execution_date": "uitvoeringsdatum", "body.executed_on": "uitgevoerd_op",
              "body.reason": "reden", "body.note": "notitie"}


@dataclass(frozen=True)
class ProviderRow:
    code: str
    name: str
    amount: int
    declarations: int
    items: int
    """Items of this provider in this run (none: only in the previous run, or carried forward)."""
    previous_amount: int | None
    previous_declarations: int | None
    difference: int | None
    carried_forward: bool


@dataclass
class RunView:
    run: dict[str, Any]
    steps: dict[str, dict[str, Any]]
    approvers: list[str]
    comparison: dict[str, Any]
    rows: list[ProviderRow]
    directory: Directory
    you: str
    today: str
    form: dict[str, str] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)
    refusal: PaymentRefusal | None = None

    def may(self, step: str) -> bool:
        return bool(self.steps.get(step, {}).get("allowed"))

    def refused(self, step: str) -> str | None:
        """The rule that keeps the user from this step now (HF-FOUR-EYES, HF-RUN-EXPORTED), if any."""
        return self.steps.get(step, {}).get("rule")

    def value(self, name: str, default: str = "") -> str:
        return self.form.get(name, default)


def router(wb: Workbench) -> APIRouter:
    routes = APIRouter(prefix="/betaalrondes/{run_id}")

    @routes.get("")
    async def run(request: Request, run_id: str) -> Response:
        user = await finance_user(wb, request)
        return wb.render(request, "payments/run.html", await run_view(wb, request, user, run_id), user)

    @routes.get("/bestand")
    async def file(request: Request, run_id: str) -> Response:
        await finance_user(wb, request)
        answer = await PaymentRunsClient(wb.api(request)).file(run_id)
        disposition = answer.headers.get("content-disposition", f'attachment; filename="{run_id}.xml"')
        return Response(answer.content, media_type="application/xml", headers={"Content-Disposition": disposition})

    @routes.post("/goedkeuren")
    async def approve(request: Request, run_id: str, notitie: Annotated[str, Form()] = "") -> Response:
        form = {"notitie": notitie.strip()}
        errors = text_error("notitie", form["notitie"], required=False)
        return await step(request, run_id, "approve", {"note": form["notitie"]}, form, errors, "run_approved")

    @routes.post("/exporteren")
    async def export(request: Request, run_id: str, uitvoeringsdatum: Annotated[str, Form()] = "") -> Response:
        form, errors, day = dated("uitvoeringsdatum", uitvoeringsdatum)
        return await step(request, run_id, "export", {"execution_date": day}, form, errors, "run_exported")

    @routes.post("/bevestigen")
    async def confirm(request: Request, run_id: str, uitgevoerd_op: Annotated[str, Form()] = "") -> Response:
        form, errors, day = dated("uitgevoerd_op", uitgevoerd_op)
        return await step(request, run_id, "confirm", {"executed_on": day}, form, errors, "run_confirmed")

    @routes.post("/annuleren")
    async def cancel(request: Request, run_id: str, reden: Annotated[str, Form()] = "") -> Response:
        form = {"reden": reden.strip()}
        errors = text_error("reden", form["reden"], required=True)
        return await step(request, run_id, "cancel", {"reason": form["reden"]}, form, errors, "run_cancelled")

    async def step(request: Request, run_id: str, name: str, body: dict[str, Any], form: dict[str, str],
                   errors: dict[str, str], done: str) -> Response:
        user = await finance_user(wb, request)
        refusal = None
        if not errors:
            try:
                await PaymentRunsClient(wb.api(request)).step(run_id, name, body)
            except (Refused, NotAllowed) as refused:  # 403: four eyes
                refusal = refusal_of(refused)
                errors = fields_of(refusal)
            else:
                return redirect(f"/betaalrondes/{quote(run_id)}", done)
        view = await run_view(wb, request, user, run_id)
        view.form, view.errors, view.refusal = form, errors, refusal
        return wb.render(request, "payments/run.html", view, user, status=refusal.status if refusal else 422)

    return routes


def text_error(name: str, text: str, required: bool) -> dict[str, str]:
    if required and not text:
        return {name: "empty"}
    return {name: "long"} if len(text) > TEXT_LIMIT else {}


def dated(name: str, text: str) -> tuple[dict[str, str], dict[str, str], str | None]:
    """A date field as typed, its error, and the date for the API (empty: the service's today)."""
    form = {name: text.strip()}
    if not form[name]:
        return form, {}, None
    try:
        return form, {}, date_from_text(form[name]).isoformat()
    except ValueError:
        return form, {name: "date"}, None


def fields_of(refusal: PaymentRefusal) -> dict[str, str]:
    """A refusal that concerns a field of the form, beside that field."""
    if refusal.rule in RULE_FIELDS:
        name, kind = RULE_FIELDS[refusal.rule]
        return {name: kind}
    return {API_FIELDS[f]: "invalid" for f in refusal.fields if f in API_FIELDS}


async def run_view(wb: Workbench, request: Request, user: StaffPrincipal, run_id: str) -> RunView:
    api = wb.api(request)
    client = PaymentRunsClient(api)
    try:
        run, steps, comparison, directory = await asyncio.gather(
            client.run(run_id), client.steps(run_id), client.comparison(run_id), GatewayClient(api).directory())
    except Refused:  # an id the service cannot even read is, to the user, not there
        raise NotFound(404, "payment run") from None
    rows = sorted((provider_row(p, directory) for p in comparison["providers"]), key=lambda r: r.name)
    return RunView(run, {s["step"]: s for s in steps["steps"]}, steps["approvers"], comparison, rows, directory,
                   user.username, short_date(SystemClock().today()))


def provider_row(p: dict[str, Any], directory: Directory) -> ProviderRow:
    return ProviderRow(p["provider"], directory.provider(p["provider"]), p["amount"], p["declarations"],
                       p["items"], p["previous_amount"], p["previous_declarations"], p["difference"], p["carried_forward"])
