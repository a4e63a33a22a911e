"""One held line: why it is held (its codes), the declared line beside the allocation version and
tariff it was compared with, the working days left; and what finance can do with it — take it,
give it back, approve it with a reason, reject it with a reason and codes. Each action is a plain
form post answered with a redirect (POST-redirect-GET); a refusal shows the form again with the
service's reason."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from typing import Annotated, Any
from urllib.parse import quote, urlencode

from fastapi import APIRouter, Form, Request
from fastapi.responses import Response

from services.web.apis import Refused
from services.web.clients.gateway import GatewayClient
from services.web.clients.invoicing import InvoicingClient
from services.web.context import Workbench, redirect
from services.web.pages.held_rows import Code, Compared, HeldRow, comparison, held_row
from services.web.pages.session import local_path
from shared.auth.principal import StaffPrincipal

MIN_REASON = 3  # the invoicing API's own minimum (Override, Rejection)


@dataclass
class LineView:
    row: HeldRow
    compared: list[Compared]
    ceiling: dict[str, Any] | None
    all_codes: list[Code]
    back: str
    you: str
    errors: dict[str, str] = field(default_factory=dict)
    refusal: str | None = None
    reason: str = ""
    chosen_codes: list[str] = field(default_factory=list)

    @property
    def checkbox_codes(self) -> list[Code]:
        """The line's own codes, and any other the user chose before the form came back."""
        shown = [c.code for c in self.row.codes] + [c for c in self.chosen_codes if c not in {x.code for x in self.row.codes}]
        described = {c.code: c for c in self.all_codes}
        return [described.get(code, Code(code, "onbekende code")) for code in shown]

    @property
    def code_options(self) -> list[tuple[str, str]]:
        return [(c.code, f"{c.code} – {c.description}") for c in self.all_codes]


def router(wb: Workbench) -> APIRouter:
    routes = APIRouter(prefix="/wachtrij/{declaration_id}/{reference}")

    @routes.get("")
    async def line(request: Request, declaration_id: str, reference: str, terug: str = "/wachtrij") -> Response:
        user = await wb.user(request)
        return wb.render(request, "held_line.html", await line_view(wb, request, user, declaration_id, reference,
                                                                     local_path(terug, "/wachtrij")), user)

    @routes.post("/oppakken")
    async def claim(request: Request, declaration_id: str, reference: str, terug: Annotated[str, Form()] = "") -> Response:
        return await act(request, declaration_id, reference, terug, "claimed",
                         lambda c: c.claim(declaration_id, reference, take=True))

    @routes.post("/vrijgeven")
    async def release(request: Request, declaration_id: str, reference: str, terug: Annotated[str, Form()] = "") -> Response:
        return await act(request, declaration_id, reference, terug, "released",
                         lambda c: c.claim(declaration_id, reference, take=False))

    @routes.post("/goedkeuren")
    async def approve(request: Request, declaration_id: str, reference: str, reden: Annotated[str, Form()] = "",
                      terug: Annotated[str, Form()] = "") -> Response:
        return await decide(request, declaration_id, reference, terug, reden, None)

    @routes.post("/afwijzen")
    async def reject(request: Request, declaration_id: str, reference: str, reden: Annotated[str, Form()] = "",
                     codes: Annotated[list[str], Form()] = [], terug: Annotated[str, Form()] = "") -> Response:  # noqa: B006
        return await decide(request, declaration_id, reference, terug, reden, [c for c in codes if c])

    async def act(request: Request, declaration_id: str, reference: str, back: str, done: str, call: Any) -> Response:
        """Claim or release, then back to the line (the queue's filters kept in `terug`)."""
        user = await wb.user(request)
        try:
            await call(InvoicingClient(wb.api(request)))
        except Refused as refused:
            return await again(request, user, declaration_id, reference, back, refusal=refused.message)
        line_url = f"/wachtrij/{quote(declaration_id)}/{quote(reference)}?{urlencode({'terug': local_path(back, '/wachtrij')})}"
        return redirect(line_url, f"{done}:{reference}")

    async def decide(request: Request, declaration_id: str, reference: str, back: str, reason: str,
                     codes: list[str] | None) -> Response:
        """Approve (codes None) or reject; back to the queue, or the form again with what is wrong."""
        user = await wb.user(request)
        reason = reason.strip()
        field_name = "reden_afwijzen" if codes is not None else "reden_goedkeuren"
        if len(reason) < MIN_REASON:
            return await again(request, user, declaration_id, reference, back, reason=reason,
                               errors={field_name: "reason"}, codes=codes or [])
        client = InvoicingClient(wb.api(request))
        try:
            if codes is None:
                done = "approved" if await client.approve(declaration_id, reference, reason) else "first_approved"
            else:
                done = "rejected"
                await client.reject(declaration_id, reference, reason, codes)
        except Refused as refused:
            return await again(request, user, declaration_id, reference, back, reason=reason,
                               refusal=refused.message, codes=codes or [])
        return redirect(local_path(back, "/wachtrij"), f"{done}:{reference}")

    async def again(request: Request, user: StaffPrincipal, declaration_id: str, reference: str, back: str,
                    reason: str = "", errors: dict[str, str] | None = None, refusal: str | None = None,
                    codes: list[str] | None = None) -> Response:
        view = await line_view(wb, request, user, declaration_id, reference, local_path(back, "/wachtrij"))
        view.reason, view.errors, view.refusal = reason, errors or {}, refusal
        view.chosen_codes = codes or view.chosen_codes
        return wb.render(request, "held_line.html", view, user, status=422 if errors else 409)

    return routes


async def line_view(wb: Workbench, request: Request, user: StaffPrincipal, declaration_id: str, reference: str,
                    back: str) -> LineView:
    api = wb.api(request)
    invoicing = InvoicingClient(api)
    line, directory, codes = await asyncio.gather(invoicing.line(declaration_id, reference),
                                                  GatewayClient(api).directory(), invoicing.retourcodes())
    basis = line["compared_with"]
    ceiling = ({"contract": basis["ceiling_contract"], "year": basis["ceiling_year"],
                "amount": basis["ceiling_amount"], "used": basis["ceiling_used"]}
               if basis.get("ceiling_contract") else None)
    return LineView(held_row(line, directory, codes), comparison(line), ceiling,
                    [Code(c, v["description"]) for c, v in codes.items() if v["rejects"]], back, user.username,
                    chosen_codes=list(line["codes"]))
