"""Rules on allocation versions, as pure checks that raise `RuleViolation`.

`check_shape` holds the conditions on one ToegewezenProduct (ijw-3.2.md §4); the other checks
compare a version with other facts: the client's other allocations at the provider (OP259,
OP380) or the other versions of the same ToewijzingNummer (TR332, OP033x1/IV066).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta

from services.allocation.domain.allocation import AllocationVersion
from services.allocation.domain.errors import RuleViolation
from services.allocation.domain.values import (
    CHANGE_REASONS,
    FREQUENCIES,
    MAX_NUMBER,
    PER_WEEK,
    REASON_DELETED,
    REASON_OBSOLETE,
    REFERRER_TYPES,
    TOTAL_IN_PERIOD,
    UNITS,
    check_agb,
    check_amount,
    check_bsn,
    check_municipality,
    check_product,
    same_product,
)

# CS338: these units only with Frequentie per week, per maand or totaal.
_UNITS_WITHOUT_PER_DAY = frozenset({"14", "16", "83", "84"})


def frequencies_for(unit: str) -> tuple[str, ...]:
    """The Frequenties an Omvang in `unit` may have (CS338), in code order: what a form offers."""
    return tuple(f for f in sorted(FREQUENCIES) if not (unit in _UNITS_WITHOUT_PER_DAY and f == "1"))


def check_shape(v: AllocationVersion) -> None:
    _check_identity(v)
    _check_period_and_reason(v)
    _check_extent_or_budget(v)


def _check_identity(v: AllocationVersion) -> None:
    check_municipality(v.municipality)
    check_agb(v.provider_agb)
    check_bsn(v.client_bsn)
    check_product(v.product)
    if not 0 <= v.number <= MAX_NUMBER:
        raise RuleViolation("LDT_Nummer", f"ToewijzingNummer {v.number} out of range", "0001")
    if v.referrer_type is not None and v.referrer_type not in REFERRER_TYPES:
        raise RuleViolation("COD327", f"unknown referrer type {v.referrer_type!r}", "0001")


def _check_period_and_reason(v: AllocationVersion) -> None:
    if v.end is not None and v.end < v.start:
        raise RuleViolation("HF-PERIOD", "Einddatum lies before Ingangsdatum", "0001")
    if v.change_reason is None:
        return
    if v.change_reason not in CHANGE_REASONS:
        raise RuleViolation("JZ002", f"unknown RedenWijziging {v.change_reason!r}", "0001")
    if v.change_reason == REASON_OBSOLETE:
        raise RuleViolation("CS336", "RedenWijziging 01 may no longer be used", "0001")
    if v.change_reason == REASON_DELETED and v.end != v.start:
        raise RuleViolation("CS335", "RedenWijziging 13 requires Einddatum = Ingangsdatum", "0001")


def _check_extent_or_budget(v: AllocationVersion) -> None:
    if v.extent is not None and v.budget is not None:
        raise RuleViolation("CD077", "Omvang and Budget are mutually exclusive", "0001")
    if v.product is None and v.budget is None:
        raise RuleViolation("CD079", "a generic allocation (no Product) needs a Budget", "0001")
    if v.budget is not None:
        check_amount(v.budget, "Budget")
        if v.end is None:
            raise RuleViolation("CD075", "an allocation with a Budget needs an Einddatum", "0001")
    if v.product is not None and v.product.code is not None and v.extent is None:
        raise RuleViolation("CD041", "a specific allocation (Product/Code) needs an Omvang", "0001")
    if v.product is not None and v.product.code is None and v.extent is not None:
        raise RuleViolation("CD080", "an aspecific allocation may not carry an Omvang", "0001")
    if v.extent is not None:
        _check_extent(v)


def _check_extent(v: AllocationVersion) -> None:
    extent = v.extent
    assert extent is not None
    check_amount(extent.volume, "Volume")
    if extent.unit not in UNITS or extent.frequency not in FREQUENCIES:
        raise RuleViolation("LDT_Eenheid", f"unknown Eenheid/Frequentie "
                            f"{extent.unit}/{extent.frequency}", "0001")
    if extent.unit in _UNITS_WITHOUT_PER_DAY and extent.frequency == "1":
        raise RuleViolation("CS338", f"Eenheid {extent.unit} cannot be allocated per dag", "0001")
    if extent.frequency == PER_WEEK and v.end is None:
        raise RuleViolation("CD076", "a weekly allocation needs an Einddatum", "0001")


def _is_other_live_allocation(new: AllocationVersion, other: AllocationVersion) -> bool:
    same_number = (other.municipality, other.number) == (new.municipality, new.number)
    same_pair = (other.client_bsn, other.provider_agb) == (new.client_bsn, new.provider_agb)
    return not same_number and same_pair and not other.deleted


def check_no_stacking(new: AllocationVersion, others: Iterable[AllocationVersion]) -> None:
    """OP259 (TR302): no second allocation of the same product to the same provider for an
    overlapping period; deleted allocations (reden 13) do not count."""
    for other in others:
        if (_is_other_live_allocation(new, other) and same_product(new.product, other.product)
                and new.period.overlaps(other.period)):
            raise RuleViolation(
                "OP259", f"product already allocated to this provider as {other.number} "
                f"for an overlapping period", "0001")


def check_not_a_disguised_extension(new: AllocationVersion, others: Iterable[AllocationVersion],
                                    today: date) -> None:
    """OP380: a new number that directly continues an allocation of the same product with the
    same Omvang (frequency not 6) whose Einddatum has not passed must be an extension instead."""
    if new.extent is None or new.extent.frequency == TOTAL_IN_PERIOD:
        return
    for other in others:
        if (_is_other_live_allocation(new, other) and other.product == new.product
                and other.extent == new.extent and other.end is not None and other.end >= today
                and new.start == other.end + timedelta(days=1)):
            raise RuleViolation(
                "OP380", f"extend (oprekken) ToewijzingNummer {other.number} instead of "
                f"issuing a new number")


def check_same_allocation(new: AllocationVersion, old: AllocationVersion) -> None:
    """Two versions of one ToewijzingNummer describe one allocation: the number may not be
    reused for another client or provider (TR332), and only Einddatum, Budget and — with
    Frequentie 6 — Volume may change (OP033x1, IV066)."""
    if (new.client_bsn, new.provider_agb) != (old.client_bsn, old.provider_agb):
        raise RuleViolation("TR332", f"ToewijzingNummer {new.number} is already used for another "
                            f"client or provider in {new.municipality}", "9332")
    if new.product != old.product or new.start != old.start:
        raise RuleViolation("OP033x1", "Product and Ingangsdatum of an allocation cannot change; "
                            "end it and issue a new ToewijzingNummer")
    check_volume_change(old, new)


def check_volume_change(old: AllocationVersion, new: AllocationVersion) -> None:
    if old.extent == new.extent or new.deleted or old.deleted:
        return
    if old.extent is None or new.extent is None:
        raise RuleViolation("OP033x1", "an allocation cannot switch between Omvang and Budget")
    same_kind = (old.extent.unit, old.extent.frequency) == (new.extent.unit, new.extent.frequency)
    if not same_kind or new.extent.frequency != TOTAL_IN_PERIOD:
        raise RuleViolation("IV066", "Volume may change only with Frequentie 6; end this "
                            "allocation and issue a new ToewijzingNummer (OP033x1)")
