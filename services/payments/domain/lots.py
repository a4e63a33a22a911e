"""Budget exhaustion per lot (perceel) for the whole region, or the caller's part of it (issue 17,
item 3): the municipalities' budget reports of one lot summed, with the contracts the region
procured under the lot. Care is counted under the lot of the product delivered, as the budgets."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from services.payments.domain.budget import BudgetReport
from services.payments.domain.rounding import percent_of


@dataclass(frozen=True)
class LotExhaustion:
    lot: str
    year: int
    municipalities: int
    budget: int
    realised: int
    pending: int
    committed: int
    contracts: tuple[str, ...]

    @property
    def forecast(self) -> int:
        return self.realised + self.committed

    @property
    def remaining(self) -> int:
        return self.budget - self.forecast

    @property
    def exhaustion_percent(self) -> int:
        return percent_of(self.forecast, self.budget)


def lot_exhaustion(reports: Iterable[BudgetReport], contract_lots: Mapping[str, str],
                   lots: Iterable[str]) -> tuple[LotExhaustion, ...]:
    """One row per lot the region defines, also a lot with no budget yet (budget 0)."""
    sums: dict[tuple[str, int], list[int]] = defaultdict(lambda: [0, 0, 0, 0, 0])
    years: set[int] = set()
    for r in reports:
        figures = sums[(r.line.name, r.line.year)]
        years.add(r.line.year)
        for i, value in enumerate((1, r.line.amount, r.realised, r.pending, r.committed)):
            figures[i] += value
    procured: dict[str, list[str]] = defaultdict(list)
    for contract, lot in sorted(contract_lots.items()):
        procured[lot].append(contract)
    return tuple(LotExhaustion(lot, year, *sums[(lot, year)], tuple(procured[lot]))  # type: ignore[arg-type]
                 for year in sorted(years) for lot in sorted(set(lots) | {k[0] for k in sums}))
