"""View models of allocations: the allocation as it is now, in Dutch words and with names instead
of codes, and its history — each version with when, who, and what it changed from the one before."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from services.web.clients.gateway import Directory
from services.web.formatting import euro, moment, short_date
from services.web.pages.request_view import extent_text, period_text, product_text
from shared.ijw.codelists import REDEN_WIJZIGING, VERWIJZER

STATUSES = {"active": "lopend", "ended": "beëindigd", "deleted": "verwijderd"}
RECEIPTS = {"pending": "nog geen ontvangstbevestiging (JW302)", "accepted": "ontvangen door de aanbieder (JW302)",
            "rejected": "afgekeurd door de aanbieder (JW302)"}
EVENTS = {
    "allocation.AllocationIssued": "Afgegeven", "allocation.AllocationExtended": "Verlengd",
    "allocation.AllocationShortened": "Ingekort of ingetrokken", "allocation.AllocationDeleted": "Verwijderd",
    "allocation.AllocationVolumeAdjusted": "Volume aangepast",
    "allocation.AllocationBudgetAdjusted": "Budget aangepast",
    "allocation.AllocationVersionRecorded": "Versie uit het eigen systeem van de gemeente (JW301)",
    "allocation.ReceiptRecorded": "Ontvangstbevestiging van de aanbieder (JW302)",
}
FIELDS = {"client_bsn": "BSN", "provider_agb": "Aanbieder", "product": "Product", "start": "Ingangsdatum",
          "end": "Einddatum", "extent": "Omvang", "budget": "Budget", "change_reason": "Reden wijziging",
          "referrer_type": "Verwijzer", "provider_reference": "Verzoek van de aanbieder", "comment": "Toelichting"}


@dataclass(frozen=True)
class AllocationRow:
    municipality_code: str
    municipality: str
    number: int
    client_bsn: str
    provider_agb: str
    provider: str
    product: str
    period: str
    extent: str
    status: str
    status_code: str
    change_reason: str
    receipt: str
    provider_reference: str | None
    referrer: str
    end: str | None

    @property
    def url(self) -> str:
        return f"/toewijzingen/{self.municipality_code}/{self.number}"

    @property
    def changeable(self) -> bool:
        return self.status_code != "deleted"


@dataclass(frozen=True)
class Change:
    label: str
    before: str
    after: str


@dataclass(frozen=True)
class HistoryRow:
    when: str
    what: str
    who: str
    changes: list[Change] = field(default_factory=list)
    note: str | None = None


def allocation_row(a: dict[str, Any], directory: Directory, products: Mapping[str, str]) -> AllocationRow:
    receipt = RECEIPTS.get(a.get("receipt") or "", "—")
    if a.get("receipt_codes"):
        receipt += f": {', '.join(a['receipt_codes'])}"
    return AllocationRow(
        a["municipality"], directory.municipality(a["municipality"]), a["allocation_number"], a["client_bsn"],
        a["provider_agb"], directory.provider(a["provider_agb"]), product_text(a.get("product"), products),
        period_text(a["start"], a.get("end")), extent_text(a.get("extent"), a.get("budget")),
        STATUSES.get(a["status"], a["status"]), a["status"], _reason(a.get("change_reason")), receipt,
        a.get("provider_reference"), VERWIJZER.get(a.get("referrer_type") or "", "—"), a.get("end"))


def history_rows(history: list[dict[str, Any]], directory: Directory, products: Mapping[str, str]) -> list[HistoryRow]:
    """Newest first, the way a file is read; each version against the version before it."""
    rows, previous = [], None
    for entry in history:
        payload = entry["payload"]
        if entry["event"] == "allocation.ReceiptRecorded":
            rows.append(HistoryRow(moment(entry["recorded_at"]), EVENTS[entry["event"]],
                                   directory.provider(previous["provider_agb"]) if previous else "de aanbieder",
                                   note=_receipt_note(payload)))
            continue
        changes = [] if previous is None else [
            Change(FIELDS.get(name, name), _value(name, previous.get(name), directory, products),
                   _value(name, payload.get(name), directory, products)) for name in entry["changed"]]
        rows.append(HistoryRow(moment(entry["recorded_at"]), EVENTS.get(entry["event"], entry["event"]),
                               _who(entry), changes, payload.get("comment") if previous is None else None))
        previous = payload
    return rows[::-1]


def _who(entry: dict[str, Any]) -> str:
    if entry.get("recorded_by"):
        return str(entry["recorded_by"])
    if entry["event"] == "allocation.AllocationVersionRecorded":
        return "de gemeente (eigen systeem)"
    return "onbekend"


def _receipt_note(payload: dict[str, Any]) -> str:
    if payload.get("outcome") == "accepted":
        return "Geaccepteerd."
    return f"Afgekeurd met retourcode {', '.join(payload.get('codes') or [])}."


def _reason(code: str | None) -> str:
    return f"{code} {REDEN_WIJZIGING.get(code, '')}".strip() if code else "—"


def _value(name: str, value: Any, directory: Directory, products: Mapping[str, str]) -> str:
    if value is None or value == "":
        return "—"
    if name in ("start", "end"):
        return short_date(value)
    if name == "extent":
        return extent_text(value)
    if name == "budget":
        return euro(value)
    if name == "product":
        return product_text(value, products)
    if name == "change_reason":
        return _reason(value)
    if name == "referrer_type":
        return VERWIJZER.get(value, value)
    if name == "provider_agb":
        return directory.provider(value)
    return str(value)
