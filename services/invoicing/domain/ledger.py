"""The running state of one match: per allocation its resolved view, profile and usage; the
references used; the debets credited.

It is the one mutable object in the domain, and it never outlives the `match_declaration` call
that builds it: replacing a map of thousands of allocations per approved line would make a
large declaration quadratic (performance-reliability.md §7.4). Each allocation is resolved once,
on first use, from the approved lines grouped once per match.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from services.invoicing.domain import retourcodes as rc
from services.invoicing.domain.admission import find_allocation
from services.invoicing.domain.allocation import AllocationView
from services.invoicing.domain.allocation_profile import AllocationProfile
from services.invoicing.domain.contract import ContractView
from services.invoicing.domain.declaration import Declaration, Line
from services.invoicing.domain.findings import Finding, LineCheck
from services.invoicing.domain.history import History
from services.invoicing.domain.outcome import AllocationRef, LineOutcome
from services.invoicing.domain.policy import MatchPolicy, Status
from services.invoicing.domain.tariffs import resolve_tariff
from services.invoicing.domain.usage import AllocationUsage

Rule = Callable[[LineCheck], "Finding | None"]


@dataclass(frozen=True)
class Resolved:
    """One allocation number as this match sees it."""

    ref: AllocationRef | None
    profile: AllocationProfile | None
    findings: tuple[Finding, ...]
    """9338 or 9384 for every debet on this number, else empty."""


@dataclass
class Ledger:
    declaration: Declaration
    allocations: Mapping[int, AllocationView]
    contract: ContractView
    history: History
    live_debits: dict[int, list[Line]]
    resolved: dict[int, Resolved]
    usage: dict[int, AllocationUsage]
    used_references: set[str]
    credited: set[str]

    @staticmethod
    def start(declaration: Declaration, allocations: Mapping[int, AllocationView],
              contract: ContractView, history: History) -> Ledger:
        live: dict[int, list[Line]] = {}
        for prior in history.approved.values():
            if not prior.credited:
                live.setdefault(prior.line.allocation_number, []).append(prior.line)
        used = set(history.references) | set(history.approved)
        return Ledger(declaration, allocations, contract, history, live, {}, {}, used, set())

    def decide(self, bsn: str, line: Line, policy: MatchPolicy, rules: tuple[Rule, ...]) -> LineOutcome:
        number, credit = line.allocation_number, line.is_credit
        resolved = self._resolve(number)
        found = [] if credit else list(resolved.findings)
        tariff = None if credit else resolve_tariff(self.contract, line)
        profile = resolved.profile
        allocation = None if profile is None else profile.version
        month = None if profile is None or credit else profile.month(line.period.begin)
        check = LineCheck(line, self.declaration.period, profile, allocation, month, self.contract, tariff,
                          self.usage[number], self.used_references, self.history.approved, self.credited)
        for rule in rules:
            finding = rule(check)
            if finding is not None:
                found.append(finding)
        findings = tuple(found)
        judgement = policy.judge(findings)
        self.used_references.add(line.reference)
        if judgement.status is Status.APPROVED:
            self._book(line)
        return LineOutcome(bsn, line, judgement.status, findings, resolved.ref, tariff, judgement.tolerances)

    def release(self, number: int) -> None:
        """Forget what this match worked out for one allocation, once no line left to decide names
        it: a 100,000-line declaration of as many allocations never holds every one's profile and
        usage at once. Only the matcher knows which lines are left; deciding a line of a released
        number again would start it from the history alone."""
        self.resolved.pop(number, None)
        self.usage.pop(number, None)

    def _resolve(self, number: int) -> Resolved:
        resolved = self.resolved.get(number)
        if resolved is None:
            view = find_allocation(self.allocations, number, self.declaration)
            resolved = self.resolved[number] = _resolved(view)
            unit = view.effective.extent.unit if view is not None and view.effective.extent else None
            self.usage[number] = AllocationUsage.of(unit, self.live_debits.get(number, ()))
        return resolved

    def _book(self, line: Line) -> None:
        if not line.is_credit:
            self.usage[line.allocation_number] = self.usage[line.allocation_number].with_debit(line)
            return
        original = self.history.approved[line.previous_reference or ""].line
        number = original.allocation_number
        self._resolve(number)
        self.usage[number] = self.usage[number].without_debit(original)
        self.credited.add(original.reference)


_NOT_FOUND = (Finding(rc.NO_ALLOCATION, "no allocation of this gemeente to this provider"),)
_DELETED = (Finding(rc.ALLOCATION_DELETED, "allocation deleted with RedenWijziging 13"),)


def _resolved(view: AllocationView | None) -> Resolved:
    if view is None:
        return Resolved(None, None, _NOT_FOUND)  # TR338
    ref = AllocationRef.of(view)
    if view.effective.deleted:
        return Resolved(ref, None, _DELETED)  # TR384: never 9338 for a deleted allocation
    return Resolved(ref, AllocationProfile.of(view.effective), ())
