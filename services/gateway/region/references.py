"""The rules between the sections of a region file: what one part names must exist in another,
and what identifies a party or a user must do so once. Checked after the file's shape, each
problem at the very key that breaks it (`staff.3.municipalities.1`), all of them at once."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from services.gateway.region.locations import Locations, Path
from services.gateway.region.problems import Problem, located
from services.gateway.region.financing import financing_problems
from services.gateway.region.procurement import contract_ids, procurement_problems
from shared.auth.principal import Role

if TYPE_CHECKING:
    from services.gateway.region.model import Region


def reference_problems(region: Region, where: Locations) -> list[Problem]:
    return [located(path, rule, message, where, **params)
            for path, rule, message, params in (*_bindings(region), *_hubs(region), *_budget_lines(region),
                                                *_twice(region), *_procurement(region), *_financing(region))]


Found = Iterator[tuple[Path, str, str, dict[str, object]]]
_FINANCING_AT = re.compile(r"^(lump_sums|ledger\.contributions|ledger\.equalisation)(?:\.(\w+))?")
_PROCUREMENT_AT = re.compile(r"^(products|contracts)\.(\d+) \([^)]*\): (?:((?:subcontractors|outcomes|budget_line)"
                             r"(?:\.\w+)*)\b)?")


def _bindings(region: Region) -> Found:
    known = {m.code for m in region.municipalities}
    for i, user in enumerate(region.staff):
        for j, code in enumerate(user.municipalities):
            if code not in known:
                yield (("staff", i, "municipalities", j), "unknown_municipality",
                       f"staff {user.username}: municipality {code} is not in the file", {"unknown": code})
        if Role.AUDITOR in user.roles and set(user.municipalities) != known:
            yield (("staff", i, "municipalities"), "auditor_binding", f"staff {user.username}: an auditor reads "
                   f"every municipality of the region: list all {len(known)}", {"count": len(known)})
    for code in region.policy.reporting_thresholds:
        if code not in known:
            yield (("policy", "reporting_thresholds", code), "unknown_municipality",
                   f"policy.reporting_thresholds: municipality {code} is not in the file", {"unknown": code})


def _hubs(region: Region) -> Found:
    providers = {p.agb for p in region.providers}
    for i, hub in enumerate(region.hubs):
        for j, agb in enumerate(hub.on_behalf_of):
            if agb not in providers:
                yield (("hubs", i, "on_behalf_of", j), "unknown_provider",
                       f"hub {hub.code}: provider {agb} is not in the file", {"unknown": agb})


def _budget_lines(region: Region) -> Found:
    used = {p.get("budget_line") for p in region.products} | {
        line for m in region.municipalities for year in m.budgets.values() for line in year}
    for code in region.budget_lines:
        if code not in used:
            yield (("budget_lines", code), "unused_budget_line",
                   f"budget_lines: a name for budget line {code}, which no product or budget uses", {"unknown": code})


def _twice(region: Region) -> Found:
    """A party code or a username a second time (the later one would silently win)."""
    seen: set[str] = set()
    parties = [(("municipalities", i, "code"), m.code) for i, m in enumerate(region.municipalities)]
    parties += [(("providers", i, "agb"), p.agb) for i, p in enumerate(region.providers)]
    parties += [(("hubs", i, "code"), h.code) for i, h in enumerate(region.hubs)]
    for path, code in parties:
        if code in seen:
            yield path, "duplicate_party_code", f"party code {code} appears twice", {"unknown": code}
        seen.add(code)
    users: set[str] = set()
    for i, user in enumerate(region.staff):
        if user.username in users:
            yield (("staff", i, "username"), "duplicate_username", f"username {user.username} appears twice",
                   {"unknown": user.username})
        users.add(user.username)


def _procurement(region: Region) -> Found:
    """Lots, subcontractors and outcome clauses (procurement.py), each at the product or contract
    (and the key within it) its message names."""
    for message in procurement_problems(region.products, region.contracts, region.budget_lines):
        at = _PROCUREMENT_AT.match(message)
        path: Path = ()
        if at is not None:
            inner = [int(p) if p.isdigit() else p for p in (at.group(3) or "").split(".") if p]
            path = (at.group(1), int(at.group(2)), *inner)
        yield path, "procurement", message, {}


def _financing(region: Region) -> Found:
    """Lump-sum schedules, contributions and equalisation keys (financing.py), each at the schedule,
    contribution or year its message names."""
    budgets = {m.code: m.budgets for m in region.municipalities}
    budget_lines = {p.get("budget_line") for p in region.products} | set(region.budget_lines)
    for message in financing_problems(contract_ids(region.contracts), [m.code for m in region.municipalities],
                                      budgets, budget_lines, region.lump_sums, region.ledger):
        at = _FINANCING_AT.match(message)
        path: Path = ()
        if at is not None:
            item = at.group(2)
            path = (*at.group(1).split("."), *([int(item) if item.isdigit() and at.group(1) != "ledger.equalisation"
                                                  else item] if item else []))
        yield path, "financing", message, {}
