"""Deciding the lines checked in the queue at once: one reason, and a code to reject (or each
line's own codes). The invoicing service decides each line on its own and answers each line's
outcome; this page shows what did not succeed first, with why, then what did.

The result is the answer to the form's post itself, not a redirect to it: the outcome of each
line exists only in the service's answer to that call, and the workbench keeps no state between
requests to carry it across a redirect. Sending the form again does no harm: a line decided the
first time is refused the second time as already decided, and the page says so."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Annotated, Any
from urllib.parse import quote, urlencode

from fastapi import APIRouter, Form, Request
from fastapi.responses import Response

from services.web.apis import NotFound, Refused
from services.web.clients.invoicing import InvoicingClient
from services.web.context import Workbench
from services.web.pages.held_line import MIN_REASON
from services.web.pages.queue import QueueFilters, queue_view
from shared.auth.principal import Role, StaffPrincipal

MAX_SELECTED = 500  # the invoicing API's own bound on one selection


@dataclass(frozen=True)
class LineOutcome:
    reference: str
    url: str
    outcome: str
    rule: str | None = None
    claimed_by: str | None = None


@dataclass
class BulkResultView:
    approve: bool
    back: str
    done: list[LineOutcome] = field(default_factory=list)
    not_done: list[LineOutcome] = field(default_factory=list)
    waiting: list[LineOutcome] = field(default_factory=list)
    """First approvals of lines at or above the region's four-eyes amount: a colleague completes them."""

    @property
    def total(self) -> int:
        return len(self.done) + len(self.not_done) + len(self.waiting)


def router(wb: Workbench) -> APIRouter:
    routes = APIRouter()

    @routes.post("/wachtrij/beslissen")
    async def decide(request: Request, besluit: Annotated[str, Form()] = "", reden: Annotated[str, Form()] = "",
                     code: Annotated[str, Form()] = "",
                     regels: Annotated[list[str], Form()] = []) -> Response:  # noqa: B006
        user = await wb.user(request)
        if not user.has(Role.FINANCE):
            return wb.render(request, "errors/not_allowed.html", None, user, status=403)
        keys = [_key(value) for value in dict.fromkeys(regels) if "/" in value][:MAX_SELECTED]
        errors = {name: "none" for name, wrong in (("regels", not keys),
                                                   ("besluit", besluit not in ("goedkeuren", "afwijzen"))) if wrong}
        if len(reden.strip()) < MIN_REASON:
            errors["reden_selectie"] = "reason"
        if errors:
            return await again(request, user, keys, (besluit, reden, code), errors=errors)
        approve = besluit == "goedkeuren"
        try:
            results = await InvoicingClient(wb.api(request)).decide_many(
                keys, reden.strip(), None if approve else [code] if code else [])
        except NotFound:  # none of them is in the user's municipalities (any more)
            results = [{"declaration_id": d, "reference": r, "outcome": "not_found"} for d, r in keys]
        except Refused as refused:
            return await again(request, user, keys, (besluit, reden, code), refusal=refused.message)
        return wb.render(request, "bulk_result.html", result_view(approve, QueueFilters.of(request).url(), results),
                         user)

    async def again(request: Request, user: StaffPrincipal, keys: list[tuple[str, str]], chosen: tuple[str, str, str],
                    errors: dict[str, str] | None = None, refusal: str | None = None) -> Response:
        """The queue as it was, the selection and choices kept, with what is wrong."""
        view = await queue_view(wb, request, QueueFilters.of(request))
        view.errors, view.refusal = errors or {}, refusal
        view.decision, view.reason, view.code = chosen
        view.selected = {f"{d}/{r}" for d, r in keys}
        return wb.render(request, "queue.html", view, user, status=422 if errors else 409)

    return routes


def _key(value: str) -> tuple[str, str]:
    declaration_id, _, reference = value.partition("/")  # a declaration id is a uuid: no slash in it
    return declaration_id, reference


def result_view(approve: bool, back: str, results: list[dict[str, Any]]) -> BulkResultView:
    view = BulkResultView(approve, back)
    for r in results:
        url = f"/wachtrij/{quote(r['declaration_id'])}/{quote(r['reference'])}?{urlencode({'terug': back})}"
        outcome = LineOutcome(r["reference"], url, r["outcome"], r.get("rule"), r.get("claimed_by"))
        if r["outcome"] == "first_approved":
            view.waiting.append(outcome)
        else:
            (view.done if r["outcome"] in ("approved", "rejected") else view.not_done).append(outcome)
    return view
