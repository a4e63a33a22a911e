"""What has been approved (and not credited) on one allocation: the running totals the caps,
the budget and the duplicate-claim rule compare against. Built once per allocation per match,
then advanced line by line, so no rule ever scans the prior lines again.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace

from services.invoicing.domain.declaration import Line, Period, Unit
from services.invoicing.domain.volume_caps import comparable, month_key, to_base


@dataclass(frozen=True)
class AllocationUsage:
    unit: Unit | None
    """The allocated unit volumes are counted in; None when the allocation has no Omvang."""
    volume_by_month: Mapping[tuple[int, int], int] = field(default_factory=dict)
    total_volume: int = 0
    amount: int = 0
    """Σ IngediendBedrag of approved, not-credited debets (the 9369 basis, design.md §5)."""
    live_claims: frozenset[tuple[int, Period, str, str]] = frozenset()

    @staticmethod
    def of(unit: Unit | None, debits: Iterable[Line]) -> AllocationUsage:
        usage = AllocationUsage(unit)
        for line in debits:
            usage = usage.with_debit(line)
        return usage

    def month_volume(self, line: Line) -> int:
        return self.volume_by_month.get(month_key(line.period.begin), 0)

    def with_debit(self, line: Line) -> AllocationUsage:
        return self._moved(line, +1, self.live_claims | {line.claim_key})

    def without_debit(self, line: Line) -> AllocationUsage:
        return self._moved(line, -1, self.live_claims - {line.claim_key})

    def _moved(self, line: Line, sign: int, claims: frozenset) -> AllocationUsage:
        amount = self.amount + sign * line.amount
        if self.unit is None or not comparable(line.unit, self.unit):
            return replace(self, amount=amount, live_claims=claims)
        volume = sign * to_base(line.volume, line.unit)
        key = month_key(line.period.begin)
        by_month = dict(self.volume_by_month)
        by_month[key] = by_month.get(key, 0) + volume
        return AllocationUsage(self.unit, by_month, self.total_volume + volume, amount, claims)
