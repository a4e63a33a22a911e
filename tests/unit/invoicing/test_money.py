"""Integer money: half-up rounding of exact values and the minute tariff (ijw-3.2.md §12.6)."""

from datetime import date

import pytest

from services.invoicing.domain.contract import ContractView, Tariff
from services.invoicing.domain.declaration import DebitCredit, Unit
from services.invoicing.domain.money import minute_amount, minute_tariff, unsigned


def test_minute_tariff_rounds_half_up_on_the_exact_value():
    assert (minute_tariff(8730), minute_tariff(8724)) == (146, 145)  # €1,455 → 1,46; €1,454 → 1,45


def test_minute_amount_uses_the_unrounded_tariff():
    assert minute_amount(7000, 95) == 11083  # 7000 × 95 / 60 = 11083.33


def test_zero_total_carries_debet():
    assert (unsigned(0), unsigned(-5)) == ((0, DebitCredit.DEBIT), (5, DebitCredit.CREDIT))


def test_overlapping_tariffs_for_one_product_and_unit_are_refused():
    with pytest.raises(ValueError):
        ContractView((Tariff("55A11", Unit.HOUR, 1, date(2026, 1, 1)),
                      Tariff("55A11", Unit.HOUR, 2, date(2026, 6, 1))))
