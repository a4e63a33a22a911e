"""The region file's validation report and its preview as the admin reads them: each problem with
its line and its place in the file's own words (`staff nr. 3 › password`), each change grouped
by what it concerns, each field with a label key and the kind of value it holds. The Dutch words
are in templates/admin/region_words.html; the gateway decided every problem and change."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

ARRAYS = frozenset({"municipalities", "providers", "hubs", "staff", "products", "contracts", "tariffs", "tokens",
                    "on_behalf_of", "hold", "reject", "ceiling_warn_at", "categories", "allocations", "roles",
                    "lump_sums", "contributions"})
"""The keys whose items the file numbers (`[[staff]]`, lists): a number after them is an item."""
KINDS = ("staff", "municipality", "provider", "hub", "contract", "budget", "product", "budget_line", "policy",
         "procurement", "account")
MONEY = frozenset({"amount", "cents", "advance_per_month", "four_eyes_from", "ceiling"})
FIRST = ("name", "roles", "municipalities", "password", "tokens")
"""Fields shown first, in this order (the rest as the gateway lists them)."""


@dataclass(frozen=True)
class ProblemRow:
    line: int | None
    column: int | None
    place: list[tuple[str, str]]
    """(kind, text): ("key", "staff"), ("item", "3"), ... for the template to join."""
    rule: str
    params: dict[str, Any]
    message: str


@dataclass(frozen=True)
class FieldRow:
    label: str
    detail: str
    kind: str
    """money, roles, municipalities, list, secret, count or text."""
    before: Any
    after: Any


@dataclass(frozen=True)
class ChangeRow:
    kind: str
    key: str
    action: str
    fields: list[FieldRow]
    name: str = ""


@dataclass
class Report:
    problems: list[ProblemRow] = field(default_factory=list)
    changes: dict[str, list[ChangeRow]] = field(default_factory=dict)

    @property
    def count(self) -> int:
        return sum(len(rows) for rows in self.changes.values())


def problems_of(errors: list[dict[str, Any]]) -> list[ProblemRow]:
    rows = [ProblemRow(e.get("line"), e.get("column"), place_of(str(e.get("path") or "")), str(e.get("rule") or ""),
                       dict(e.get("params") or {}), str(e.get("message") or "")) for e in errors]
    return sorted(rows, key=lambda r: (r.line is None, r.line or 0))


def place_of(path: str) -> list[tuple[str, str]]:
    place: list[tuple[str, str]] = []
    previous = ""
    for part in path.split(".") if path else []:
        if part.isdigit() and previous in ARRAYS:
            place.append(("item", str(int(part) + 1)))
        else:
            place.append(("key", part))
        previous = part
    return place


def changes_of(changes: list[dict[str, Any]]) -> dict[str, list[ChangeRow]]:
    grouped: dict[str, list[ChangeRow]] = {kind: [] for kind in KINDS}
    for c in changes:
        ordered = sorted(c["fields"], key=lambda f: FIRST.index(f["field"]) if f["field"] in FIRST else len(FIRST))
        fields = [field_of(f["field"], f.get("before"), f.get("after")) for f in ordered]
        name = next((str(f["after"] or f["before"]) for f in c["fields"] if f["field"] == "name"), "")
        grouped.setdefault(c["kind"], []).append(ChangeRow(c["kind"], c["key"], c["action"], fields, name))
    return {kind: rows for kind, rows in grouped.items() if rows}


def field_of(name: str, before: Any, after: Any) -> FieldRow:
    """`ceiling.2026` -> ceiling, 2026; `tariffs.45A01 2026-01-01.cents` -> tariff.cents, the tariff."""
    parts = name.split(".")
    if parts[0] == "tariffs" and len(parts) == 3:
        label, detail, last = f"tariff.{parts[2]}", parts[1], parts[2]
    elif parts[0] == "ceiling" and len(parts) == 2:
        label, detail, last = "ceiling", parts[1], "ceiling"
    else:
        label, detail, last = name, "", parts[-1]
    return FieldRow(label, detail, _kind(last, before, after), before, after)


def _kind(last: str, before: Any, after: Any) -> str:
    if last in MONEY and all(isinstance(v, int) or v is None for v in (before, after)):
        return "money"
    if last in ("roles", "municipalities", "password", "tokens"):
        return {"password": "secret", "tokens": "count"}.get(last, last)
    return "list" if isinstance(before, list) or isinstance(after, list) else "text"
