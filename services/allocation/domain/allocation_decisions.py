"""Deciders of the allocation aggregate (commands in allocation_commands.py).

Each decider is `decide_x(command, state, now[, facts]) -> list[Event]`. Facts the aggregate
cannot know itself (the client's other allocations at the provider, whether the product is
contracted, whether approved declarations exist) are explicit inputs that the handler gathers.

`now` is the moment the municipality decides, in Dutch local time: it becomes the version's
Toewijzingsdatum + Toewijzingstijd (IV013), so the handler must pass Europe/Amsterdam time.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, time, timedelta

from services.allocation.domain import events as ev
from services.allocation.domain.allocation import (
    Allocation,
    AllocationVersion,
    version_event,
)
from services.allocation.domain.allocation_commands import (
    AdjustBudget,
    AdjustVolume,
    ClientContext,
    DeleteAllocation,
    ExtendAllocation,
    IssueAllocation,
    RecordAllocationVersion,
    ShortenAllocation,
)
from services.allocation.domain.allocation_rules import (
    check_no_stacking,
    check_not_a_disguised_extension,
    check_same_allocation,
    check_shape,
)
from services.allocation.domain.errors import NotFound, RuleViolation
from services.allocation.domain.values import REASON_BY_PROVIDER, REASON_DELETED


def decide_issue(command: IssueAllocation, state: Allocation, now: datetime,
                 context: ClientContext) -> list[ev.Event]:
    if state.exists:
        # TR332: ToewijzingNummer unique per municipality (within the Jeugdwet domain).
        raise RuleViolation("TR332", f"ToewijzingNummer {command.number} is already used in "
                            f"{command.municipality}", "9332")
    on, at = _stamp(now, state)
    version = AllocationVersion(
        command.municipality, command.number, command.client_bsn, command.provider_agb,
        command.product, command.start, command.end, command.extent, command.budget, None, on, at,
        command.referrer_type, command.provider_reference, command.comment)
    check_shape(version)
    if not context.contracted:
        raise RuleViolation("HF-CONTRACT", "the product is not contracted for this provider "
                            "on the allocation's Ingangsdatum")
    check_no_stacking(version, context.others)
    check_not_a_disguised_extension(version, context.others, now.date())
    return [_version_event(ev.AllocationIssued, version)]


def decide_extend(command: ExtendAllocation, state: Allocation, now: datetime,
                  others: tuple[AllocationVersion, ...]) -> list[ev.Event]:
    current = _live(state, command.number)
    # OP380: oprekken moves a known, not yet passed Einddatum later.
    if current.end is None or command.end <= current.end:
        raise RuleViolation("OP380", "an extension must move an existing Einddatum later")
    if current.end < now.date():
        raise RuleViolation("OP380", "the Einddatum has passed: issue a new ToewijzingNummer")
    version = _next(current, state, now, command.reason, command.provider_reference,
                    end=command.end, comment=command.comment)
    check_no_stacking(version, others)
    return [_version_event(ev.AllocationExtended, version)]


def decide_shorten(command: ShortenAllocation, state: Allocation, now: datetime) -> list[ev.Event]:
    current = _live(state, command.number)
    if command.reason == REASON_DELETED:
        raise RuleViolation("CS335", "use DeleteAllocation for RedenWijziging 13")
    if current.end is not None and command.end >= current.end:
        raise RuleViolation("HF-SHORTEN", "intrekken must move the Einddatum earlier")
    version = _next(current, state, now, command.reason, command.provider_reference,
                    end=command.end, comment=command.comment)
    return [_version_event(ev.AllocationShortened, version)]


def decide_delete(command: DeleteAllocation, state: Allocation, now: datetime,
                  has_approved_declarations: bool) -> list[ev.Event]:
    current = _existing(state, command.number)
    if current.deleted:
        return []
    if has_approved_declarations:
        # TR385 / OP362: approved, not credited declarations block deletion.
        raise RuleViolation("TR385", "the allocation has approved declarations; shorten it "
                            "instead of deleting it", "9385")
    # CS335: RedenWijziging 13 goes with Einddatum = Ingangsdatum.
    version = _next(current, state, now, REASON_DELETED, None, end=current.start, comment=command.comment)
    return [_version_event(ev.AllocationDeleted, version)]


def decide_adjust_volume(command: AdjustVolume, state: Allocation, now: datetime) -> list[ev.Event]:
    current = _live(state, command.number)
    if current.extent is None:
        raise RuleViolation("OP033x1", "this allocation has no Omvang to adjust")
    if command.volume == current.extent.volume:
        return []
    extent = replace(current.extent, volume=command.volume)
    version = _next(current, state, now, command.reason, command.provider_reference,
                    extent=extent)
    check_same_allocation(version, current)  # IV066: only with Frequentie 6
    _check_consent(command.volume < current.extent.volume, command, "OP298")
    return [_version_event(ev.AllocationVolumeAdjusted, version)]


def decide_adjust_budget(command: AdjustBudget, state: Allocation, now: datetime) -> list[ev.Event]:
    current = _live(state, command.number)
    if current.budget is None:
        raise RuleViolation("OP033x1", "this allocation has no Budget to adjust")
    if command.budget == current.budget:
        return []
    _check_consent(command.budget < current.budget, command, "OP299")
    version = _next(current, state, now, command.reason, command.provider_reference,
                    budget=command.budget)
    return [_version_event(ev.AllocationBudgetAdjusted, version)]


def decide_record_version(command: RecordAllocationVersion, state: Allocation,
                          now: datetime) -> list[ev.Event]:
    version = command.version
    check_shape(version)
    if any(replace(version, referrer_type=v.referrer_type) == v for v in state.versions):
        # An unchanged re-send (IV099) or a redelivery. The referrer type is not in the JW301 (it
        # comes from the request named): a version recorded before it was looked up stays as it is.
        return []
    for other in state.versions:
        if other.stamp == version.stamp:
            raise RuleViolation("IV013", "another version with the same Toewijzingsdatum and "
                                "Toewijzingstijd exists")
        check_same_allocation(version, other)
    return [_version_event(ev.AllocationVersionRecorded, version)]


def _check_consent(lowering: bool, command: AdjustVolume | AdjustBudget, rule: str) -> None:
    # OP298/OP299: lowering needs the provider's consent unless the provider asked (VOW, reden 12).
    if lowering and not command.provider_consented and command.reason != REASON_BY_PROVIDER:
        raise RuleViolation(rule, "lowering needs the provider's consent")


def _existing(state: Allocation, number: int) -> AllocationVersion:
    if state.current is None:
        raise NotFound(f"no allocation with ToewijzingNummer {number}")
    return state.current


def _live(state: Allocation, number: int) -> AllocationVersion:
    current = _existing(state, number)
    if current.deleted:
        raise RuleViolation("TR384", f"allocation {number} was deleted (RedenWijziging 13)")
    return current


def _next(current: AllocationVersion, state: Allocation, now: datetime, reason: str,
          reference: str | None, **changes: object) -> AllocationVersion:
    """A new version of `current`, stamped now, with its RedenWijziging (IV099: a changed
    version always carries one) and the VOW's ReferentieAanbieder when it honours one."""
    on, at = _stamp(now, state)
    version = replace(current, change_reason=reason, allocated_on=on, allocated_at=at,
                      provider_reference=reference or current.provider_reference, **changes)
    check_shape(version)
    return version


def _stamp(now: datetime, state: Allocation) -> tuple[date, time]:
    """Toewijzingsdatum + Toewijzingstijd for a version decided now, in whole seconds, and
    strictly later than every known version so that it becomes the effective one (IV013)."""
    stamp = now.replace(microsecond=0, tzinfo=None)
    if state.current is not None and stamp <= state.versions[-1].stamp:
        stamp = state.versions[-1].stamp + timedelta(seconds=1)
    return stamp.date(), stamp.time()


def _version_event(cls: type[ev.VersionEvent], version: AllocationVersion) -> ev.Event:
    return ev.Event(version_event(cls, version), tenant=version.municipality)
