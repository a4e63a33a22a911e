"""Line rules that compare a debet line with its allocation: product, unit, period (§12.4 7–11).

Each rule returns a Finding when the line fails it, else None. A rule that needs the allocation
is silent when there is none: 9338 or 9384 already says why (design.md §5).
"""

from __future__ import annotations

from services.invoicing.domain import retourcodes as rc
from services.invoicing.domain.findings import Finding, LineCheck
from services.invoicing.domain.volume_caps import comparable


def category_matches(check: LineCheck) -> Finding | None:
    allocated = check.allocation.category if check.allocation else None
    if allocated is not None and check.line.category != allocated:
        return Finding(rc.CATEGORY_MISMATCH, f"allocated category {allocated}")  # TR339
    return None


def code_matches(check: LineCheck) -> Finding | None:
    allocated = check.allocation.code if check.allocation else None
    if allocated is not None and check.line.code != allocated:
        return Finding(rc.CODE_MISMATCH, f"allocated code {allocated}")  # TR340
    return None


def code_in_category(check: LineCheck) -> Finding | None:
    listed = check.contract.catalogue.get(check.line.code)
    if listed != check.line.category:  # TR381: the code must belong to the category in the list
        return Finding(rc.CODE_NOT_IN_CATEGORY, f"code list has category {listed}")
    return None


def unit_matches(check: LineCheck) -> Finding | None:
    version, line = check.allocation, check.line
    if version is None:
        return None
    if version.extent is not None:
        if not comparable(line.unit, version.extent.unit):  # TR341, minutes on hours allowed
            return Finding(rc.UNIT_MISMATCH, f"allocated unit {version.extent.unit.value}")
        return None
    # OP267: an aspecific or generic allocation takes the contract's unit for the product.
    units = check.contract.units_for(line.code)
    if units and not any(comparable(line.unit, unit) for unit in units):
        return Finding(rc.UNIT_MISMATCH, "contract units " + ",".join(sorted(u.value for u in units)))
    return None


def starts_in_allocation(check: LineCheck) -> Finding | None:
    version = check.allocation
    if version is not None and check.line.period.begin < version.start:
        return Finding(rc.BEFORE_ALLOCATION_START, f"allocation starts {version.start}")  # TR307
    return None


def ends_in_allocation(check: LineCheck) -> Finding | None:
    version = check.allocation
    if version is not None and version.end is not None and check.line.period.end > version.end:
        return Finding(rc.AFTER_ALLOCATION_END, f"allocation ends {version.end}")  # TR308
    return None


def starts_on_month_start(check: LineCheck) -> Finding | None:
    period = check.line.period
    if check.month is None:
        return None
    expected = check.month.expected.begin
    if period.begin != expected:  # TR387
        return Finding(rc.NOT_FROM_MONTH_START, f"expected begin {expected}")
    return None


def ends_on_month_end(check: LineCheck) -> Finding | None:
    period = check.line.period
    if check.month is None:
        return None
    expected = check.month.expected.end
    if period.end != expected:  # TR388
        return Finding(rc.NOT_TO_MONTH_END, f"expected end {expected}")
    return None


def within_declaration_period(check: LineCheck) -> Finding | None:
    if check.line.period.end > check.declaration_period.end:  # TR319
        return Finding(rc.AFTER_DECLARATION_PERIOD, f"declared for {check.declaration_period.begin}")
    return None
