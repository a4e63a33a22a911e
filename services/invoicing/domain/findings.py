"""A finding is one failed rule on one line; `LineCheck` bundles everything a line rule may read."""

from __future__ import annotations

from collections.abc import Mapping, Set
from dataclasses import dataclass

from services.invoicing.domain.allocation import AllocationVersion
from services.invoicing.domain.allocation_profile import AllocationProfile, MonthProfile
from services.invoicing.domain.contract import ContractView, Tariff
from services.invoicing.domain.declaration import Line, Period
from services.invoicing.domain.history import PriorLine
from services.invoicing.domain.retourcodes import RULE_OF
from services.invoicing.domain.usage import AllocationUsage


@dataclass(frozen=True)
class Finding:
    code: str
    detail: str = ""
    limit: int | None = None
    """The allowed value the line was measured against (cap, budget, contract tariff, amount)."""
    actual: int | None = None
    """The line's value, in the same unit as `limit`."""

    @property
    def rule(self) -> str:
        return RULE_OF.get(self.code, "")


@dataclass(frozen=True)
class LineCheck:
    line: Line
    declaration_period: Period
    profile: AllocationProfile | None
    """Of the effective version; None when not found (9338) or deleted (9384)."""
    allocation: AllocationVersion | None
    """`profile.version`: what most rules compare with, read once per line rather than per rule."""
    month: MonthProfile | None
    """`profile.month` of the line's first day (TR321, TR387, TR388), likewise; None without a
    profile, and for a credit, whose rules never read it."""
    contract: ContractView
    tariff: Tariff | None
    """The contract tariff resolved for this line (see tariffs.resolve_tariff)."""
    usage: AllocationUsage
    used_references: Set[str]
    approved: Mapping[str, PriorLine]
    credited: Set[str]
    """References of debets credited earlier in this same match."""
