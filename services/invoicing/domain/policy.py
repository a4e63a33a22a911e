"""The region's match policy: per retourcode reject at once or hold for a person, and the
tolerances that may turn a hold into an approval, visibly (design.md §5, §8)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from fractions import Fraction

from services.invoicing.domain import retourcodes as rc
from services.invoicing.domain.declaration import Line
from services.invoicing.domain.findings import Finding


class Action(StrEnum):
    REJECT = "reject"
    HOLD = "hold"


class BeyondCeiling(StrEnum):
    """What happens to a line the rules approve that does not fit under its contract's ceiling."""

    HOLD = "hold"
    APPROVE = "approve"


class Status(StrEnum):
    APPROVED = "approved"
    REJECTED = "rejected"
    HELD = "held"


REJECT_BY_DEFAULT = (
    rc.MESSAGE_ID_REUSED, rc.DATED_IN_FUTURE, rc.UNKNOWN_GEMEENTE, rc.DECLARATION_NUMBER_REUSED,
    rc.PERIOD_OUT_OF_SEQUENCE, rc.CLIENT_MISMATCH, rc.WRONG_AMOUNT, rc.REFERENCE_REUSED,
    rc.DUPLICATE_CLAIM, rc.CREDIT_WITHOUT_DEBIT, rc.ALREADY_CREDITED, rc.ALLOCATION_DELETED,
)
HOLD_BY_DEFAULT = (
    rc.NO_ALLOCATION, rc.CATEGORY_MISMATCH, rc.CODE_MISMATCH, rc.CODE_NOT_IN_CATEGORY,
    rc.UNIT_MISMATCH, rc.BEFORE_ALLOCATION_START, rc.AFTER_ALLOCATION_END, rc.NOT_FROM_MONTH_START,
    rc.NOT_TO_MONTH_END, rc.AFTER_DECLARATION_PERIOD, rc.PERIOD_VOLUME_EXCEEDED,
    rc.TOTAL_VOLUME_EXCEEDED, rc.BUDGET_EXCEEDED, rc.WRONG_TARIFF,
)
ALWAYS_REJECTED = rc.HEADER_CODES + rc.DECLARATION_CODES + (rc.CLIENT_MISMATCH,)
"""Codes on a header, declaration or client: there is no line to hold, so they always reject."""
TOLERABLE = (rc.PERIOD_VOLUME_EXCEEDED, rc.TOTAL_VOLUME_EXCEEDED, rc.BUDGET_EXCEEDED)
"""Codes whose findings carry a limit and an actual value a percentage can be applied to."""


@dataclass(frozen=True)
class Tolerance:
    code: str
    percent: Fraction | int

    @property
    def name(self) -> str:
        return f"{self.code} within {self.percent}%"

    def covers(self, finding: Finding) -> bool:
        if finding.code != self.code or finding.limit is None or finding.actual is None:
            return False
        return finding.actual * 100 <= finding.limit * (100 + self.percent)


@dataclass(frozen=True)
class Judgement:
    status: Status
    tolerances: tuple[str, ...] = ()
    """Names of the tolerances that approved a line the rules alone would have held."""


@dataclass(frozen=True)
class CeilingExemptions:
    """Care paid regardless of its contract's budget ceiling (the CS Jeugd model contract: crisis
    care, allocations the region names): by product category, product code or allocation."""

    categories: frozenset[str] = frozenset()
    products: frozenset[str] = frozenset()
    allocations: frozenset[tuple[str, int]] = frozenset()
    """(gemeentecode, ToewijzingNummer)."""

    def covers(self, municipality: str, line: Line) -> bool:
        return (line.category in self.categories or line.code in self.products
                or (municipality, line.allocation_number) in self.allocations)


@dataclass(frozen=True)
class MatchPolicy:
    actions: Mapping[str, Action] = field(default_factory=dict)
    tolerances: tuple[Tolerance, ...] = ()
    beyond_ceiling: BeyondCeiling = BeyondCeiling.HOLD
    ceiling_exempt: CeilingExemptions = CeilingExemptions()

    def __post_init__(self) -> None:
        for code in ALWAYS_REJECTED:
            if self.actions.get(code, Action.REJECT) is not Action.REJECT:
                raise ValueError(f"{code} rejects a header, declaration or client; it cannot hold")
        for tolerance in self.tolerances:
            if tolerance.code not in TOLERABLE or self.action(tolerance.code) is not Action.HOLD:
                raise ValueError(f"tolerance on {tolerance.code}: only on held codes {TOLERABLE}")
            if tolerance.percent < 0:
                raise ValueError("a tolerance is a non-negative percentage")

    @staticmethod
    def default(tolerances: Iterable[Tolerance] = (),
                beyond_ceiling: BeyondCeiling = BeyondCeiling.HOLD) -> MatchPolicy:
        actions = {code: Action.REJECT for code in REJECT_BY_DEFAULT}
        actions |= {code: Action.HOLD for code in HOLD_BY_DEFAULT}
        return MatchPolicy(actions, tuple(tolerances), beyond_ceiling)

    @staticmethod
    def fully_automatic() -> MatchPolicy:
        """A region that rejects every finding at once and holds nothing."""
        return MatchPolicy({code: Action.REJECT for code in REJECT_BY_DEFAULT + HOLD_BY_DEFAULT})

    def action(self, code: str) -> Action:
        return self.actions.get(code, Action.REJECT)  # an unknown code never slips through

    def judge(self, findings: tuple[Finding, ...]) -> Judgement:
        """All clear: approved. Any reject code: rejected. Else held, unless every finding is
        covered by a tolerance: then approved, naming the tolerances (design.md §5)."""
        if not findings:
            return _ALL_CLEAR
        if any(self.action(f.code) is Action.REJECT for f in findings):
            return Judgement(Status.REJECTED)
        used = []
        for finding in findings:
            tolerance = next((t for t in self.tolerances if t.covers(finding)), None)
            if tolerance is None:
                return Judgement(Status.HELD)
            used.append(tolerance.name)
        return Judgement(Status.APPROVED, tuple(dict.fromkeys(used)))


_ALL_CLEAR = Judgement(Status.APPROVED)
"""Most lines: one value for all of them (a Judgement is immutable)."""
