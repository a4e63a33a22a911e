"""Issuing an allocation, in two steps: first the municipality and the provider (chosen by name,
from those with a contract), then the client, one of that provider's contracted products, the
period, the Omvang in the product's own unit (or a budget) and the referrer. A refusal shows the
form again with the rule beside the field it concerns. With htmx, choosing a product swaps in
the Frequenties its unit allows; without script the choices of all the provider's products show.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.responses import Response

from services.web.apis import Refused
from services.web.clients.allocation import AllocationClient
from services.web.clients.gateway import Directory, GatewayClient
from services.web.context import Workbench, redirect
from services.web.form_errors import FormErrors, refused
from services.web.pages.access import allowed
from services.web.pages.issue_form import API_FIELDS, IssueForm, ProductChoice
from services.web.pages.request_view import new_product_prefill
from shared.auth.principal import StaffPrincipal
from shared.ijw.codelists import EENHEID, FREQUENTIE, GESLACHT, VERWIJZER

PATH = "/toewijzingen/nieuw"


@dataclass
class IssueView:
    form: IssueForm
    municipalities: list[tuple[str, str]]
    providers: list[tuple[str, str]]
    products: dict[str, ProductChoice] = field(default_factory=dict)
    errors: FormErrors = field(default_factory=FormErrors)
    request: dict[str, Any] | None = None

    @property
    def provider_name(self) -> str:
        return dict(self.providers).get(self.form.aanbieder, self.form.aanbieder)

    @property
    def municipality_name(self) -> str:
        return dict(self.municipalities).get(self.form.gemeente, self.form.gemeente)

    @property
    def product_options(self) -> list[tuple[str, str]]:
        return [(p.value, p.label) for p in self.products.values()]

    @property
    def frequency_options(self) -> list[tuple[str, str]]:
        """Those the chosen product's unit allows; before a choice, those any of them allows."""
        chosen = self.products.get(self.form.product)
        allowed_codes = set(chosen.frequencies) if chosen and chosen.code else {
            f for p in self.products.values() for f in p.frequencies}
        return [(code, FREQUENTIE[code]) for code in sorted(allowed_codes)]

    @property
    def unit(self) -> str | None:
        chosen = self.products.get(self.form.product)
        return EENHEID.get(chosen.unit or "") if chosen and chosen.code else None

    referrers = sorted(VERWIJZER.items())
    genders = sorted(GESLACHT.items())

    @property
    def change_provider_url(self) -> str:
        return f"{PATH}?{urlencode({'gemeente': self.form.gemeente})}"


def router(wb: Workbench) -> APIRouter:
    routes = APIRouter()

    @routes.get(PATH)
    async def form(request: Request) -> Response:
        user = await wb.user(request)
        if (refusal := allowed(wb, request, user)) is not None:
            return refusal
        view = await issue_view(wb, request, user, IssueForm.of(request.query_params))
        if view.form.verzoek and view.form.aanbieder:
            await _prefill_from_request(wb, request, view, request.query_params.get("nieuw", "0"))
        return wb.render(request, "access/issue.html", view, user)

    @routes.get(f"{PATH}/omvang")
    async def extent(request: Request) -> Response:
        """The Omvang fields for the chosen product (an htmx fragment)."""
        user = await wb.user(request)
        if (refusal := allowed(wb, request, user)) is not None:
            return refusal
        view = await issue_view(wb, request, user, IssueForm.of(request.query_params))
        return wb.render(request, "access/partials/extent.html", view, user)

    @routes.post(PATH)
    async def issue(request: Request) -> Response:
        user = await wb.user(request)
        if (refusal := allowed(wb, request, user)) is not None:
            return refusal
        view = await issue_view(wb, request, user, IssueForm.of(await request.form()))
        body, local = view.form.body(view.products)
        if local:
            view.errors = FormErrors.of(local)
            return wb.render(request, "access/issue.html", view, user, status=422)
        try:
            issued = await AllocationClient(wb.api(request)).issue(body)
        except Refused as refusal_:
            view.errors = refused(refusal_, view.form.names, API_FIELDS)
            return wb.render(request, "access/issue.html", view, user, status=422)
        number = issued["allocation_number"]
        return redirect(f"/toewijzingen/{issued['municipality']}/{number}", f"issued:{number}")

    return routes


async def issue_view(wb: Workbench, request: Request, user: StaffPrincipal, form: IssueForm) -> IssueView:
    api = wb.api(request)
    client = AllocationClient(api)
    directory, contracted = await asyncio.gather(GatewayClient(api).directory(), client.contracted())
    municipalities = sorted(((c, directory.municipality(c)) for c in user.municipalities), key=lambda m: m[1])
    if len(municipalities) == 1:
        form.gemeente = municipalities[0][0]
    covering = [p for p in contracted if form.gemeente and _covers(p, form.gemeente)] if form.gemeente else contracted
    providers = _providers(covering, directory)
    view = IssueView(form, municipalities, providers)
    if form.aanbieder and form.aanbieder in dict(providers):
        view.products = product_choices([p for p in covering if p["provider_agb"] == form.aanbieder])
    else:
        form.aanbieder = ""
    return view


def product_choices(contracted: list[dict[str, Any]]) -> dict[str, ProductChoice]:
    """The provider's contracted products, then each of their categories without a code."""
    specific = {p["code"]: ProductChoice(
        p["code"], f"{p['code']} – {p['name'] or 'product'} (in {EENHEID.get(p['unit'], p['unit'])})",
        p["category"], p["code"], p["unit"], tuple(p["frequencies"])) for p in contracted}
    categories = sorted({p.category for p in specific.values()})
    aspecific = {c: ProductChoice(c, f"Categorie {c}, zonder productcode (met budget)", c, None, None, ())
                 for c in categories}
    return dict(sorted(specific.items())) | aspecific


def _covers(product: dict[str, Any], municipality: str) -> bool:
    return not product["municipalities"] or municipality in product["municipalities"]


def _providers(contracted: list[dict[str, Any]], directory: Directory) -> list[tuple[str, str]]:
    return sorted({(p["provider_agb"], directory.provider(p["provider_agb"])) for p in contracted},
                  key=lambda p: p[1])


async def _prefill_from_request(wb: Workbench, request: Request, view: IssueView, index: str) -> None:
    """A JW317's NieuwProduct: the client, product, period and Omvang the provider asked for."""
    asked = await AllocationClient(wb.api(request)).request(view.form.aanbieder, view.form.verzoek)
    if asked["kind"] != "change":  # a JW315 is honoured from its own page, which issues the allocation
        view.form.verzoek = ""
        return
    view.request = asked
    for name, value in new_product_prefill(asked, int(index) if index.isdigit() else 0).items():
        if not getattr(view.form, name):
            setattr(view.form, name, value)
