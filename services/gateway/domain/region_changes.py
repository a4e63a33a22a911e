"""What loading a region file would change, compared with the region as it stands: the preview an
admin confirms before anything is applied. Pure: both sides arrive as `RegionState`s.

Each change names a thing the way the file does (a party by its code, a user by username, a
contract by its id, a budget by municipality/year/budget line) and lists its fields before and
after. Two rules of the loader show here as they act: a party the file no longer lists stays
(messages and payments refer to it: `kept`), and tokens are only ever added, so a token's field
counts the tokens that will work afterwards. Secrets never appear: a password shows only as
changed, a token only as a count.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator, Mapping
from dataclasses import asdict, dataclass, field
from typing import Any

ADDED, CHANGED, REMOVED, KEPT = "added", "changed", "removed", "kept"
Items = Mapping[str, Mapping[str, Any]]
"""A kind of thing: key -> its fields (flat: `tariffs.45A01 2026-01-01.cents`)."""


@dataclass(frozen=True)
class FieldChange:
    field: str
    before: Any
    after: Any


@dataclass(frozen=True)
class Change:
    kind: str
    """municipality, provider, hub, staff, account, product, budget_line, contract, budget, policy,
    procurement (the region's outcome and harmonisation settings)."""
    key: str
    action: str
    fields: tuple[FieldChange, ...] = ()


@dataclass(frozen=True)
class RegionState:
    parties: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    """code -> kind, name, on_behalf_of, and a provider's iban."""
    party_tokens: Mapping[str, frozenset[str]] = field(default_factory=dict)
    staff: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    """username -> roles, municipalities (sorted)."""
    staff_tokens: Mapping[str, frozenset[str]] = field(default_factory=dict)
    sections: Mapping[str, Any] = field(default_factory=dict)
    """The region file's sections as the loader publishes them (loader.sections_of)."""


def region_changes(now: RegionState, new: RegionState, passwords_changed: frozenset[str]) -> list[Change]:
    changes = list(_parties(now, new))
    changes += _staff(now, new, passwords_changed)
    for kind, items in ITEMS.items():
        changes += compare(kind, items(now.sections), items(new.sections))
    return changes


def digest(file_sha256: str, changes: list[Change]) -> str:
    """Names a preview: the file and what it would change. Applying with it refuses when either
    differs (the region changed in between, or another file was sent)."""
    canonical = json.dumps([asdict(c) for c in changes], sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(f"{file_sha256}\n{canonical}".encode()).hexdigest()


def compare(kind: str, before: Items, after: Items, absent: str = REMOVED) -> list[Change]:
    changes = []
    for key in sorted(set(before) | set(after)):
        if key not in before:
            changes.append(Change(kind, key, ADDED, _fields({}, after[key])))
        elif key not in after:
            changes.append(Change(kind, key, absent))
        elif fields := _fields(before[key], after[key]):
            changes.append(Change(kind, key, CHANGED, fields))
    return changes


def _fields(before: Mapping[str, Any], after: Mapping[str, Any]) -> tuple[FieldChange, ...]:
    return tuple(FieldChange(name, before.get(name), after.get(name)) for name in sorted(set(before) | set(after))
                 if before.get(name) != after.get(name))


def _parties(now: RegionState, new: RegionState) -> Iterator[Change]:
    for kind in ("municipality", "provider", "hub"):
        before = {code: _with_tokens(p, now.party_tokens.get(code, frozenset()), frozenset())
                  for code, p in now.parties.items() if p["kind"] == kind}
        after = {code: _with_tokens(p, now.party_tokens.get(code, frozenset()), new.party_tokens.get(code, frozenset()))
                 for code, p in new.parties.items() if p["kind"] == kind}
        yield from compare(kind, before, after, absent=KEPT)


def _staff(now: RegionState, new: RegionState, passwords_changed: frozenset[str]) -> list[Change]:
    before = {name: _with_tokens(u, now.staff_tokens.get(name, frozenset()), frozenset())
              for name, u in now.staff.items()}
    after = {name: {**_with_tokens(u, now.staff_tokens.get(name, frozenset()), new.staff_tokens.get(name, frozenset())),
                    **({"password": "new"} if name in passwords_changed else {})}
             for name, u in new.staff.items()}
    return compare("staff", before, after)


def _with_tokens(fields: Mapping[str, Any], kept: frozenset[str], added: frozenset[str]) -> dict[str, Any]:
    """The loader adds tokens and never takes one away: afterwards the kept and the new work."""
    count = len(kept | added)
    return {**{k: v for k, v in fields.items() if k != "kind"}, **({"tokens": count} if count else {})}


def flat(value: Any, prefix: str = "") -> dict[str, Any]:
    if isinstance(value, Mapping) and value:
        return {k: v for key, inner in value.items() for k, v in flat(inner, f"{prefix}{key}.").items()}
    return {prefix.rstrip("."): value}


def _contracts(sections: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
    """By contract id as the services name them: `id`, else the provider's AGB (`-2`, `-3`, ...
    for a provider's further contracts, in file order); tariffs by product and start."""
    items, seen = {}, {}
    for c in sections.get("contracts") or []:
        seen[c["provider"]] = seen.get(c["provider"], 0) + 1
        key = c.get("id") or (c["provider"] if seen[c["provider"]] == 1 else f"{c['provider']}-{seen[c['provider']]}")
        tariffs = {f"{t['product']} {t['from']}": {k: v for k, v in t.items() if k not in ("product", "from")}
                   for t in c.get("tariffs") or []}
        items[str(key)] = flat({**{k: v for k, v in c.items() if k != "tariffs"}, "tariffs": tariffs})
    return items


def _budgets(sections: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
    return {f"{municipality}/{year}/{line}": {"amount": amount}
            for municipality, years in (sections.get("budgets") or {}).items()
            for year, lines in years.items() for line, amount in lines.items()}


def _single(name: str) -> Any:
    def items(sections: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
        return {name: flat(sections[name])} if sections.get(name) else {}
    return items


def _procurement(sections: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
    """The region's outcome and harmonisation settings (each contract's lot, subcontractors and
    clauses show with the contract)."""
    section = sections.get("procurement") or {}
    return {name: flat(section[name]) for name in ("outcomes", "harmonisation") if section.get(name)}


ITEMS = {
    "account": _single("account"),
    "product": lambda s: {p["code"]: flat(p) for p in s.get("products") or []},
    "budget_line": lambda s: {code: {"name": name} for code, name in (s.get("budget_lines") or {}).items()},
    "contract": _contracts,
    "budget": _budgets,
    "policy": _single("policy"),
    "procurement": _procurement,
}
