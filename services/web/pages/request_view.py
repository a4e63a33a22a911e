"""View models of requests (JW315 verzoek om toewijzing, JW317 verzoek om wijziging): what the
provider asked for in Dutch words, and what a form can take over from it."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any
from urllib.parse import quote

from services.web.clients.gateway import Directory
from services.web.formatting import euro, short_date
from shared.ijw.codelists import EENHEID, FREQUENTIE, VERWIJZER

KINDS = {"allocation": "Verzoek om toewijzing (JW315)", "change": "Verzoek om wijziging (JW317)"}
STATES = {"received": "wacht op antwoord", "under_investigation": "in onderzoek", "honoured": "gehonoreerd",
          "rejected": "afgewezen"}
OPEN = ("received", "under_investigation")


@dataclass(frozen=True)
class RequestRow:
    provider_agb: str
    reference: str
    provider: str
    municipality: str
    client_bsn: str
    kind: str
    state: str
    status: str
    received_on: str
    due: str | None
    overdue: bool
    url: str

    @property
    def open(self) -> bool:
        return self.status in OPEN


def request_row(r: dict[str, Any], directory: Directory, today: date) -> RequestRow:
    due = r.get("due")
    return RequestRow(r["provider_agb"], r["reference"], directory.provider(r["provider_agb"]),
                      directory.municipality(r["municipality"]), r["client_bsn"], KINDS.get(r["kind"], r["kind"]),
                      STATES.get(r["status"], r["status"]), r["status"], r["received_on"], due,
                      due is not None and date.fromisoformat(due) < today,
                      f"/verzoeken/{quote(r['provider_agb'])}/{quote(r['reference'])}")


def product_text(product: dict[str, Any] | None, names: Mapping[str, str]) -> str:
    """'45A01 Ambulante jeugdhulp individueel', by the region's names (`names`: code -> name)."""
    if product is None:
        return "geen product (generiek)"
    if product.get("code"):
        name = names.get(product["code"])
        return f"{product['code']} {name}" if name else f"{product['code']} (categorie {product['category']})"
    return f"categorie {product['category']}, zonder productcode"


def extent_text(extent: dict[str, Any] | None, budget: int | None = None) -> str:
    if extent:
        return (f"{extent['volume']} {EENHEID.get(extent['unit'], extent['unit'])} "
                f"{FREQUENTIE.get(extent['frequency'], extent['frequency'])}")
    return f"budget {euro(budget)}" if budget is not None else "—"


def period_text(start: str | None, end: str | None) -> str:
    if not start:
        return "—"
    return f"{short_date(start)} t/m {short_date(end) if end else 'open einde'}"


def referrer_text(referrer: dict[str, Any] | None) -> str:
    if not referrer:
        return "—"
    kind = VERWIJZER.get(referrer.get("type") or "", referrer.get("type") or "")
    return f"{kind}{' – ' + referrer['name'] if referrer.get('name') else ''}"


def new_product_prefill(asked: dict[str, Any], index: int) -> dict[str, str]:
    """The issue form's fields from a JW317's NieuwProduct number `index` (0-based)."""
    products = asked["requested"].get("new_products") or []
    if asked["kind"] != "change" or not 0 <= index < len(products):
        return {}
    new = products[index]
    product, extent = new.get("product"), new.get("extent") or {}
    return {"gemeente": asked["municipality"], "bsn": asked["client_bsn"],
            "product": (product.get("code") or product["category"]) if product else "",
            "begin": short_date(new["desired_start"]), "einde": short_date(new.get("end")),
            "volume": str(extent.get("volume", "")), "frequentie": extent.get("frequency", ""),
            "budget": euro(new["budget"]).removeprefix("€ ") if new.get("budget") is not None else ""}
