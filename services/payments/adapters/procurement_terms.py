"""The region file's `procurement` section (services/gateway/region/procurement.py) as payments'
domain values: lots of contracts, subcontracting, outcome clauses and the settings of the outcome
indicators and the tariff harmonisation. A region loaded before the section existed has none:
no subcontractors, no clauses, the default settings."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from services.payments.adapters.region_terms import REGION, ContractTerms
from services.payments.domain.outcome_clauses import Clause
from services.payments.domain.subcontracting import Subcontracting

DEFAULT_REENTRY_DAYS = 180


def _contracts(section: Mapping[str, Any] | None) -> list[dict[str, Any]]:
    return list((section or {}).get("contracts") or [])


def contract_lots(section: Mapping[str, Any] | None) -> dict[str, str]:
    return {c["id"]: c["budget_line"] for c in _contracts(section)}


def subcontracting_of(section: Mapping[str, Any] | None) -> dict[str, Subcontracting]:
    found = {}
    for c in _contracts(section):
        subs = c.get("subcontractors") or []
        if subs:
            found[c["id"]] = Subcontracting(
                c["id"], c["provider"], {code: s["agb"] for s in subs for code in s["products"]},
                {s["agb"]: s["name"] for s in subs})
    return found


def clauses_of(section: Mapping[str, Any] | None, contracts: tuple[ContractTerms, ...]) -> list[Clause]:
    terms = {c.contract_id: c for c in contracts}
    found = []
    for c in _contracts(section):
        contract = terms.get(c["id"])
        payer = next(iter(contract.municipalities)) if contract and len(contract.municipalities) == 1 else REGION
        for o in c.get("outcomes") or []:
            found.append(Clause(c["id"], o["id"], o["indicator"], c["provider"], payer, o["period"],
                                Decimal(str(o["threshold"])), o.get("bonus"), o.get("malus"), int(o["min_cases"])))
    return found


def reentry_days(section: Mapping[str, Any] | None) -> int:
    return int(((section or {}).get("outcomes") or {}).get("reentry_days") or DEFAULT_REENTRY_DAYS)


def regional_tariffs(section: Mapping[str, Any] | None) -> dict[str, int]:
    return {code: int(cents) for code, cents in (((section or {}).get("harmonisation") or {}).get("tariffs") or {}).items()}
