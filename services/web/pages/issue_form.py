"""The allocation form as typed, and the issue API's body made from it. Reading dates, amounts and
numbers is the workbench's; every rule (the eleven-test, a contract, stacking, …) is the service's.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, fields
from typing import Any

from services.web.formatting import cents_from_text, date_from_text

API_FIELDS = {
    "body.municipality": "gemeente", "body.allocation_number": "nummer", "body.client_bsn": "bsn",
    "body.client.surname": "achternaam", "body.client.prefix": "voorvoegsel", "body.client.initials": "voorletters",
    "body.client.birth_date": "geboortedatum", "body.client.gender": "geslacht", "body.provider_agb": "aanbieder",
    "body.product.": "product", "body.start": "begin", "body.end": "einde", "body.extent.volume": "volume",
    "body.extent.frequency": "frequentie", "body.extent.": "volume", "body.budget": "budget",
    "body.referrer_type": "verwijzer", "body.comment": "toelichting", "body.provider_reference": "verzoek",
}
"""The issue API's fields (problem `errors[].field`) and the form fields that hold them."""


@dataclass(frozen=True)
class ProductChoice:
    """What the product select offers: a contracted product (`code`), or its whole category
    without a code (aspecifiek, with a budget instead of an Omvang)."""

    value: str
    label: str
    category: str
    code: str | None
    unit: str | None
    frequencies: tuple[str, ...]


@dataclass
class IssueForm:
    gemeente: str = ""
    aanbieder: str = ""
    nummer: str = ""
    bsn: str = ""
    achternaam: str = ""
    voorvoegsel: str = ""
    voorletters: str = ""
    geboortedatum: str = ""
    geslacht: str = ""
    product: str = ""
    begin: str = ""
    einde: str = ""
    volume: str = ""
    frequentie: str = ""
    budget: str = ""
    verwijzer: str = ""
    toelichting: str = ""
    verzoek: str = ""

    @classmethod
    def of(cls, values: Mapping[str, Any]) -> IssueForm:
        return cls(**{f.name: str(values.get(f.name) or "").strip() for f in fields(cls)})

    @property
    def names(self) -> set[str]:
        return {f.name for f in fields(self)}

    def body(self, products: dict[str, ProductChoice]) -> tuple[dict[str, Any], dict[str, str]]:
        """The issue API's body, and an error key per field typed wrongly."""
        errors: dict[str, str] = {}
        chosen = products.get(self.product)
        body: dict[str, Any] = {
            "municipality": self.gemeente, "provider_agb": self.aanbieder,
            "client_bsn": self.bsn, "client": self._client(errors),
            "product": None if chosen is None else {"category": chosen.category, "code": chosen.code},
            "start": form_date(self.begin, "begin", errors, required=True),
            "end": form_date(self.einde, "einde", errors),
            "extent": self._extent(chosen, errors), "budget": _cents(self.budget, "budget", errors),
            "referrer_type": self.verwijzer or None, "comment": self.toelichting or None,
            "allocation_number": _number(self.nummer, "nummer", errors),
            "provider_reference": self.verzoek or None,
        }
        if not re.fullmatch(r"\d{9}", self.bsn):
            errors["bsn"] = "required" if not self.bsn else "format"
        if chosen is None:
            errors["product"] = "required"
        return body, errors

    def _client(self, errors: dict[str, str]) -> dict[str, Any] | None:
        """The particulars, when any were typed: a known client needs none (HF-CLIENT otherwise)."""
        if not any((self.achternaam, self.voorvoegsel, self.voorletters, self.geboortedatum, self.geslacht)):
            return None
        for name in ("achternaam", "geboortedatum", "geslacht"):
            if not getattr(self, name):
                errors[name] = "with_client"
        return {"surname": self.achternaam, "prefix": self.voorvoegsel or None,
                "initials": self.voorletters or None, "gender": self.geslacht,
                "birth_date": form_date(self.geboortedatum, "geboortedatum", errors)}

    def _extent(self, chosen: ProductChoice | None, errors: dict[str, str]) -> dict[str, Any] | None:
        volume = _number(self.volume, "volume", errors)
        if volume is None or chosen is None:
            return None
        if not self.frequentie:
            errors["frequentie"] = "required"
        # The unit is the product's own: the contract's tariff is per that unit (the matcher compares them).
        return {"volume": volume, "unit": chosen.unit or "", "frequency": self.frequentie}


def form_date(text: str, name: str, errors: dict[str, str], required: bool = False) -> str | None:
    if not text:
        if required:
            errors[name] = "required"
        return None
    try:
        return date_from_text(text).isoformat()
    except ValueError:
        errors[name] = "date"
        return None


def _number(text: str, name: str, errors: dict[str, str]) -> int | None:
    if not text:
        return None
    if not text.isdigit():
        errors[name] = "number"
        return None
    return int(text)


def _cents(text: str, name: str, errors: dict[str, str]) -> int | None:
    if not text:
        return None
    try:
        return cents_from_text(text)
    except ValueError:
        errors[name] = "amount"
        return None
