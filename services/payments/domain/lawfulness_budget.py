"""The budget criterion of the lawfulness evidence: paid within the municipality's budget.

Items are measured in the order they were paid. A declared line counts against the budget line
(perceel) of its product; an advance or a settlement, which names no product, against the
municipality's budget as a whole; every item counts against the whole as well. The part of an item
beyond what is left is unlawful (a budget overrun); an item whose product has no budget line of the
year, or a year without any budget, is uncertain. A credit gives its amount back.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from services.payments.domain.book import ADVANCE, SETTLEMENT
from services.payments.domain.lawfulness_trace import Traced
from services.payments.domain.lawfulness_verdicts import Verdict

REGION = "regio"
WHOLE = "totaal"
"""The budget line of what names no product: the municipality's whole budget."""
UNKNOWN = "onbekend"


@dataclass
class BudgetCheck:
    budgets: dict[str, int]
    products: Mapping[str, Mapping[str, Any]]
    left: dict[str, int] = field(default_factory=dict)

    @staticmethod
    def of(budgets: Mapping[str, Any], products: Mapping[str, Mapping[str, Any]], municipality: str,
           year: int) -> BudgetCheck:
        """What a region-wide contract pays (`regio`) is measured against the municipalities'
        budgets together: the region pools them for the contracts it buys for all."""
        chosen = list(budgets) if municipality == REGION else [municipality]
        lines: dict[str, int] = {}
        for code in chosen:
            for name, amount in ((budgets.get(code) or {}).get(str(year)) or {}).items():
                lines[name] = lines.get(name, 0) + int(amount)
        check = BudgetCheck(lines, products)
        check.left = {**lines, WHOLE: sum(lines.values())} if lines else {}
        return check

    def line_of(self, t: Traced) -> str:
        if t.item.kind in (ADVANCE, SETTLEMENT) or t.line is None:
            return WHOLE if t.item.kind in (ADVANCE, SETTLEMENT) else UNKNOWN
        code, category = t.line.get("code"), t.line.get("category")
        if code in self.products and self.products[code].get("budget_line"):
            return str(self.products[code]["budget_line"])
        same = [p for p in self.products.values() if p.get("category") == category and p.get("budget_line")]
        return str(same[0]["budget_line"]) if same else UNKNOWN

    def judge(self, t: Traced) -> Verdict:
        """Measure the item and count it (call once per item, in the order they were paid)."""
        line, amount = self.line_of(t), t.item.amount
        if WHOLE not in self.left or line not in self.left:
            return Verdict.whole("uncertain" if amount > 0 else "lawful", amount, "no_budget")
        room = min(self.left[line], self.left[WHOLE]) if line != WHOLE else self.left[WHOLE]
        self.left[line] -= amount
        if line != WHOLE:
            self.left[WHOLE] -= amount
        beyond = min(max(amount - max(room, 0), 0), max(amount, 0))
        return Verdict("beyond_budget" if beyond else "within_budget", lawful=amount - beyond, unlawful=beyond)
