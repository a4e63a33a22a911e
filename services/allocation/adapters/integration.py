"""From private events to the integration events of shared/exchange/allocation.py.

Stored events stay this service's business; what invoicing and payments read is mapped here,
field by field, so a private event can change without breaking them.
"""

from __future__ import annotations

from typing import Any

from services.allocation.domain import events as ev
from services.allocation.domain.allocation import AllocationVersion, version_payload
from services.allocation.domain.register import Register
from shared.exchange import allocation as contract

CHANGES = {
    ev.ALLOCATION_ISSUED: "issued",
    ev.ALLOCATION_EXTENDED: "extended",
    ev.ALLOCATION_SHORTENED: "shortened",
    ev.ALLOCATION_DELETED: "deleted",
    ev.ALLOCATION_VOLUME_ADJUSTED: "volume_adjusted",
    ev.ALLOCATION_BUDGET_ADJUSTED: "budget_adjusted",
    ev.ALLOCATION_VERSION_RECORDED: "recorded",
}
DELIVERY_KINDS = {
    ev.DELIVERY_STARTED: "started",
    ev.DELIVERY_START_WITHDRAWN: "start_withdrawn",
    ev.DELIVERY_STOPPED: "stopped",
    ev.DELIVERY_STOP_WITHDRAWN: "stop_withdrawn",
}
_COPIED = {
    ev.PRODUCT_DEFINED: (contract.PRODUCT_PUBLISHED, ("category", "code", "unit", "variant")),
    ev.BUDGET_LINE_DEFINED: (contract.BUDGET_LINE_PUBLISHED, ("code", "name", "categories")),
    ev.MUNICIPAL_BUDGET_SET: (contract.BUDGET_PUBLISHED, ("municipality", "year", "budget_line", "amount")),
    ev.TARIFF_AGREED: (contract.TARIFF_PUBLISHED, (
        "contract_id", "provider_agb", "municipalities", "category", "code", "unit", "variant",
        "valid_from", "valid_until", "amount", "closes")),
}
_CONTRACT_EVENTS = frozenset({ev.CONTRACT_CONCLUDED, ev.CONTRACT_TERMS_AMENDED, ev.BUDGET_CEILING_SET})


def allocation_published(event_type: str, effective: AllocationVersion) -> tuple[str, dict[str, Any]]:
    payload = version_payload(effective)
    payload.pop("comment")  # free text for the provider, may hold personal details
    return contract.ALLOCATION_PUBLISHED, {**payload, "deleted": effective.deleted,
                                           "change": CHANGES[event_type]}


def register_published(event_type: str, payload: dict[str, Any],
                       register: Register) -> tuple[str, dict[str, Any]] | None:
    if event_type in _COPIED:
        name, fields = _COPIED[event_type]
        return name, {field: payload.get(field) for field in fields}
    if event_type in _CONTRACT_EVENTS:
        c = register.contracts[payload["contract_id"]]
        return contract.CONTRACT_PUBLISHED, {
            "contract_id": c.contract_id, "provider_agb": c.provider_agb,
            "municipalities": sorted(c.municipalities), "payment_term_days": c.payment_term_days,
            "advance_per_month": c.advance_per_month,
            "ceilings": {str(year): amount for year, amount in sorted(c.ceilings.items())}}
    return None


def referral_recorded(payload: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    requested = payload["requested"]
    return contract.REFERRAL_RECORDED, {
        "municipality": payload["municipality"], "provider_agb": payload["provider_agb"],
        "reference": payload["reference"], "client_bsn": payload["client_bsn"],
        "referrer_type": requested["referrer"]["type"], "referrer_agb": requested["referrer"].get("agb_code"),
        "product": requested["product"], "received_on": payload["received_on"]}


def delivery_reported(event_type: str, payload: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    return contract.DELIVERY_REPORTED, {
        "municipality": payload["municipality"], "allocation_number": payload["allocation_number"],
        "client_bsn": payload["client_bsn"], "provider_agb": payload["provider_agb"],
        "product": payload["product"], "begin": payload["begin"], "kind": DELIVERY_KINDS[event_type],
        "end": payload.get("end"), "reason": payload.get("reason"), "late": bool(payload.get("late"))}
