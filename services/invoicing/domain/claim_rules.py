"""Line rules on what a line claims: duplicates, references, volume, budget, tariff, amount and
the credit rules (§12.4 12–18, §12.7). Each returns a Finding when the line fails it, else None.
"""

from __future__ import annotations

from services.invoicing.domain import retourcodes as rc
from services.invoicing.domain.declaration import Line
from services.invoicing.domain.findings import Finding, LineCheck
from services.invoicing.domain.tariffs import amount_fits, expected_tariff
from services.invoicing.domain.volume_caps import comparable, to_base


def not_claimed_before(check: LineCheck) -> Finding | None:
    if check.line.claim_key in check.usage.live_claims:  # TR389: earlier debet not credited
        return Finding(rc.DUPLICATE_CLAIM, "a live debet exists for this allocation, period and product")
    return None


def reference_unused(check: LineCheck) -> Finding | None:
    if check.line.reference in check.used_references:  # TR314
        return Finding(rc.REFERENCE_REUSED, f"ReferentieNummer {check.line.reference} used before")
    return None


def _capped_volume(check: LineCheck) -> int | None:
    """The line's volume in the allocation's base unit, or None when no cap applies."""
    version, line = check.allocation, check.line
    if version is None or version.extent is None or not comparable(line.unit, version.extent.unit):
        return None
    return to_base(line.volume, line.unit)


def within_period_volume(check: LineCheck) -> Finding | None:
    volume = _capped_volume(check)
    if volume is None:
        return None
    assert check.month is not None
    cap = check.month.cap or 0
    claimed = check.usage.month_volume(check.line) + volume
    if claimed > cap:  # TR321, caps per IV076/IV077/IV078
        return Finding(rc.PERIOD_VOLUME_EXCEEDED, "volume in base unit", limit=cap, actual=claimed)
    return None


def within_total_volume(check: LineCheck) -> Finding | None:
    volume = _capped_volume(check)
    if volume is None:
        return None
    assert check.profile is not None
    cap = check.profile.total_cap
    claimed = check.usage.total_volume + volume
    if cap is not None and claimed > cap:  # TR322
        return Finding(rc.TOTAL_VOLUME_EXCEEDED, "volume in base unit", limit=cap, actual=claimed)
    return None


def within_budget(check: LineCheck) -> Finding | None:
    budget = check.allocation.budget if check.allocation else None
    claimed = check.usage.amount + check.line.amount
    if budget is not None and claimed > budget:  # TR369, on IngediendBedrag (design.md §5)
        return Finding(rc.BUDGET_EXCEEDED, "eurocents", limit=budget, actual=claimed)
    return None


def contract_tariff(check: LineCheck) -> Finding | None:
    line = check.line
    if line.tariff is None:
        return None  # Eenheid 83 carries no ProductTarief (CD087)
    if check.tariff is None:
        return Finding(rc.WRONG_TARIFF, f"no contract tariff for {line.code} per {line.unit.value}")
    expected = expected_tariff(line, check.tariff)
    if line.tariff != expected:  # TR418
        return Finding(rc.WRONG_TARIFF, "eurocents", limit=expected, actual=line.tariff)
    return None


def amount_computed(check: LineCheck) -> Finding | None:
    if not amount_fits(check.line, check.tariff):  # TR346 with the unrounded minute tariff
        return Finding(rc.WRONG_AMOUNT, "IngediendBedrag ≠ GeleverdVolume × tariff", actual=check.line.amount)
    return None


def credits_approved_debit(check: LineCheck) -> Finding | None:
    line = check.line
    original = check.approved.get(line.previous_reference or "")
    # TR323: the credit must refer to an earlier approved debet; we also require it to repeat that
    # debet (IV085: identical except ReferentieNummer, VorigReferentieNummer and DebetCredit).
    if original is None or _credited_shape(original.line) != _credited_shape(line):
        return Finding(rc.CREDIT_WITHOUT_DEBIT, f"no approved debet {line.previous_reference} to credit")
    # IV085: crediting is possible only after the JW325 that approved the debet; before it the
    # provider cannot know the debet was approved (its declaration still waits for held lines).
    if not original.answered:
        return Finding(rc.CREDIT_WITHOUT_DEBIT, f"debet {line.previous_reference} is not answered yet")
    return None


def not_credited_before(check: LineCheck) -> Finding | None:
    reference = check.line.previous_reference or ""
    original = check.approved.get(reference)
    if (original is not None and original.credited) or reference in check.credited:  # TR390
        return Finding(rc.ALREADY_CREDITED, f"debet {reference} was credited before")
    return None


def _credited_shape(line: Line) -> tuple:
    return (line.allocation_number, line.category, line.code, line.period, line.volume, line.unit,
            line.tariff, line.amount)
