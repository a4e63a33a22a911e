"""The register sections of the region file (products, contracts, budgets; design.md §8) as
register commands, in the order they depend on each other: products and budget lines first,
then contracts with their tariffs and ceilings, then municipal budgets.

The file names a contract only by its provider; its id is `contract.id` when given, else the
provider's AGB code (with `-2`, `-3`, ... for a provider's further contracts, in file order).
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import Any

from services.allocation.domain.register_decisions import (
    AgreeTariff,
    ConcludeContract,
    DefineBudgetLine,
    DefineProduct,
    SetBudgetCeiling,
    SetMunicipalBudget,
)

RegisterCommand = (DefineProduct | DefineBudgetLine | ConcludeContract | AgreeTariff | SetBudgetCeiling
                   | SetMunicipalBudget)
SECTIONS = ("products", "contracts", "budgets")


def register_commands(sections: dict[str, Any], only: set[str] | None = None) -> list[RegisterCommand]:
    """The commands of the given sections (all when `only` is None), products first."""
    products = sections.get("products")
    if products is None:
        return []  # contracts name products and budgets name budget lines: wait for the products
    wanted = set(sections) if only is None else only
    commands: list[RegisterCommand] = []
    if "products" in wanted:
        commands += [DefineProduct(p["category"], p["code"], p["unit"], p["variant"]) for p in products]
        commands += _budget_lines(products)
    categories = {p["code"]: p["category"] for p in products}
    if "contracts" in wanted:
        for contract_id, c in _contracts(sections.get("contracts") or []):
            commands += _contract(contract_id, c, categories)
    if "budgets" in wanted:
        commands += _budgets(sections.get("budgets") or {})
    return commands


def _budget_lines(products: list[dict[str, Any]]) -> list[RegisterCommand]:
    lines: dict[str, set[str]] = defaultdict(set)
    for p in products:
        if p.get("budget_line"):
            lines[p["budget_line"]].add(p["category"])
    return [DefineBudgetLine(code, code, frozenset(cats)) for code, cats in sorted(lines.items())]


def _contracts(contracts: list[dict[str, Any]]) -> list[tuple[str, dict[str, Any]]]:
    seen: dict[str, int] = defaultdict(int)
    named = []
    for c in contracts:
        seen[c["provider"]] += 1
        count = seen[c["provider"]]
        named.append((c.get("id") or (c["provider"] if count == 1 else f"{c['provider']}-{count}"), c))
    return named


def _contract(contract_id: str, c: dict[str, Any], categories: dict[str, str]) -> list[RegisterCommand]:
    commands: list[RegisterCommand] = [ConcludeContract(
        contract_id, c["provider"], int(c["payment_term_days"]), frozenset(c.get("municipalities") or ()),
        c.get("advance_per_month"))]
    for t in c.get("tariffs") or []:
        # An unknown product code gets no category; the register refuses it (HF-UNKNOWN-PRODUCT).
        commands.append(AgreeTariff(contract_id, categories.get(t["product"], ""), t["product"],
                                    _day(t["from"]), int(t["cents"]), _day(t.get("to"))))
    for year, ceiling in sorted((c.get("ceiling") or {}).items()):
        commands.append(SetBudgetCeiling(contract_id, int(year), int(ceiling)))
    return commands


def _budgets(budgets: dict[str, Any]) -> list[RegisterCommand]:
    return [SetMunicipalBudget(municipality, int(year), line, int(amount))
            for municipality, years in sorted(budgets.items())
            for year, lines in sorted(years.items())
            for line, amount in sorted(lines.items())]


def _day(value: Any) -> date | None:
    return None if value is None else date.fromisoformat(str(value)[:10])


def municipalities_of(budgets: Any) -> frozenset[str]:
    """The budgets section names every municipality of the region (design.md §8)."""
    return frozenset(budgets or {})


def product_names_of(products: Any) -> dict[str, str]:
    return {p["code"]: p["name"] for p in products or [] if isinstance(p, dict) and p.get("name")}
