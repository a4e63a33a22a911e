"""What the matcher decided: per line, and for the declaration as a whole."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date, time

from services.invoicing.domain import retourcodes as rc
from services.invoicing.domain.allocation import AllocationView
from services.invoicing.domain.contract import Tariff
from services.invoicing.domain.declaration import Line
from services.invoicing.domain.evidence import Approval
from services.invoicing.domain.findings import Finding
from services.invoicing.domain.policy import Status


@dataclass(frozen=True, slots=True)
class AllocationRef:
    """The allocation version a line was compared against."""

    number: int
    decided_on: date
    decided_at: time
    deleted: bool = False
    referrer_type: str | None = None

    @staticmethod
    def of(view: AllocationView) -> AllocationRef:
        version = view.effective
        return AllocationRef(view.number, version.decided_on, version.decided_at, version.deleted,
                             version.referrer_type)


@dataclass(frozen=True, slots=True)
class CeilingCheck:
    """A contract-year's budget ceiling and the usage (approved + held) with the line counted."""

    contract_id: str
    year: int
    ceiling: int
    used: int


@dataclass(frozen=True, slots=True)
class LineOutcome:
    bsn: str
    line: Line
    status: Status
    findings: tuple[Finding, ...] = ()
    allocation: AllocationRef | None = None
    tariff: Tariff | None = None
    tolerances: tuple[str, ...] = ()
    ceiling: CeilingCheck | None = None
    """Set when the line does not fit under its contract's ceiling (services/invoicing/domain/ceilings.py)."""
    ceiling_exempt: bool = False
    """Care the region pays regardless of the contract's ceiling: never measured or counted under it."""
    approval: Approval | None = None
    """How a line decided after its receipt was approved (an override, the deadline, a new match);
    None while held, and for a line the matcher decided at once (its findings and tolerances say)."""

    @property
    def codes(self) -> tuple[str, ...]:
        if not self.findings:  # most lines: read per line by the receipt, the answer and the settlement
            return ()
        return tuple(dict.fromkeys(finding.code for finding in self.findings))

    @property
    def final(self) -> bool:
        return self.status is not Status.HELD

    def rejected(self) -> LineOutcome:
        """This held line rejected with the matcher's own codes (deadline, or staff agreeing)."""
        return replace(self, status=Status.REJECTED)

    def approved(self) -> LineOutcome:
        return replace(self, status=Status.APPROVED)


NOT_ASSESSED_FINDINGS = (Finding(rc.NOT_ASSESSED, "client rejected with 8187"),)


@dataclass(frozen=True, slots=True)
class MatchResult:
    header_codes: tuple[str, ...] = ()
    """0001 when a level-2 rule failed; else 9056/8848/S300. Non-empty: nothing else assessed."""
    violations: tuple[str, ...] = ()
    """The level-2 rules that failed (why 0001), for the record; never sent to the provider."""
    declaration_codes: tuple[str, ...] = ()
    """9333/8214: the declaration is rejected as a whole and no line is assessed."""
    rejected_clients: Mapping[str, str] = field(default_factory=dict)
    """BSN → client code (8187); all that client's lines are rejected with 0233."""
    lines: tuple[LineOutcome, ...] = ()
    """In processing order: every credit before every debet (OP366)."""

    @property
    def lines_assessed(self) -> bool:
        return not self.header_codes and not self.declaration_codes

    @property
    def final(self) -> bool:
        return all(outcome.final for outcome in self.lines)

    def with_lines(self, outcomes: tuple[LineOutcome, ...]) -> MatchResult:
        """The same result with some lines' outcomes replaced (held lines decided later)."""
        by_reference = {o.line.reference: o for o in outcomes}
        return replace(self, lines=tuple(by_reference.get(o.line.reference, o) for o in self.lines))
