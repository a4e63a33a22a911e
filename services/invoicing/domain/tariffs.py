"""Choosing the contract tariff for a line (TR418) and the amount it implies (TR346, §12.6)."""

from __future__ import annotations

from services.invoicing.domain.contract import ContractView, Tariff
from services.invoicing.domain.declaration import Line, Unit
from services.invoicing.domain.money import hour_tariffs_rounding_to, minute_amount, minute_tariff


def resolve_tariff(contract: ContractView, line: Line) -> Tariff | None:
    """The tariff per the line's unit valid on the whole ProductPeriode; for a minute line
    without a minute tariff, the hour tariff (design.md §5: minutes against an hour tariff)."""
    if line.unit is Unit.EUROS:
        return None  # CD087: no ProductTarief, the amount is the volume (CS339)
    found = contract.tariff(line.code, line.unit, line.period)
    if found is None and line.unit is Unit.MINUTE:
        found = contract.tariff(line.code, Unit.HOUR, line.period)
    return found


def expected_tariff(line: Line, tariff: Tariff) -> int:
    if tariff.unit is Unit.HOUR and line.unit is Unit.MINUTE:
        return minute_tariff(tariff.cents)  # IV081: hour ÷ 60 rounded half-up
    return tariff.cents


def amount_fits(line: Line, tariff: Tariff | None) -> bool:
    """TR346: IngediendBedrag = GeleverdVolume × tariff, minutes at the unrounded hour tariff."""
    if line.unit is Unit.EUROS or line.tariff is None:
        return True  # CS339/CD087 are level-2 rules, checked on the whole message
    if tariff is not None and tariff.unit is Unit.HOUR and line.unit is Unit.MINUTE:
        return line.amount == minute_amount(tariff.cents, line.volume)
    if tariff is None and line.unit is Unit.MINUTE:
        # No contract tariff to take the unrounded value from (0611 holds the line): accept the
        # amount of any hour tariff whose minute tariff rounds to the declared ProductTarief.
        low, high = hour_tariffs_rounding_to(line.tariff)
        return minute_amount(low, line.volume) <= line.amount <= minute_amount(high, line.volume)
    return line.amount == line.volume * line.tariff
