"""Duplicates, references, budget, tariff and amount rules (ijw-3.2.md §12.4 12–17, §12.6)."""

from datetime import date

from services.invoicing.domain.contract import Tariff
from services.invoicing.domain.declaration import Unit
from services.invoicing.domain.history import History
from services.invoicing.domain.policy import Status
from tests.unit.invoicing.builders import (allocation, approved, codes, context, declaration, line,
                                           match, version)

BUDGETED = allocation(version(code=None, extent=None, budget=100000))


def test_second_debet_for_same_allocation_period_and_product_gets_9389():
    history = approved(line("R1", volume=2, amount=15000))
    assert codes(declaration(line("R2")), context(history=history)) == ("9389",)


def test_reused_reference_gets_8021():
    history = History(references=frozenset({"R100"}))
    assert codes(ctx=context(history=history)) == ("8021",)


def test_cumulative_amount_over_budget_gets_9369():
    history = approved(line("R1", code="55A12", amount=50000, tariff=6250))
    assert codes(ctx=context(BUDGETED, history=history)) == ("9369",)


def test_amount_within_budget_passes_9369():
    assert codes(ctx=context(BUDGETED)) == ()


def test_tariff_other_than_contract_gets_0611():
    assert codes(declaration(line(tariff=8000, amount=64000))) == ("0611",)


def test_line_without_contract_tariff_gets_0611():
    no_tariff = (Tariff("55A12", Unit.HOUR, 7500, date(2026, 1, 1)),)
    assert codes(ctx=context(tariffs=no_tariff)) == ("0611",)


def test_tariff_not_valid_on_the_delivery_period_gets_0611():
    expired = (Tariff("55A11", Unit.HOUR, 7500, date(2025, 1, 1), date(2026, 3, 31)),)
    assert codes(ctx=context(tariffs=expired)) == ("0611",)


def test_minute_tariff_is_hour_tariff_over_60_rounded_half_up():
    minutes = line(volume=95, unit=Unit.MINUTE, tariff=117, amount=11083)  # 7000/60 = 116.67
    hour_7000 = (Tariff("55A11", Unit.HOUR, 7000, date(2026, 1, 1)),)
    assert codes(declaration(minutes), context(tariffs=hour_7000)) == ()


def test_minute_line_with_unrounded_hour_tariff_over_60_gets_0611():
    minutes = line(volume=95, unit=Unit.MINUTE, tariff=116, amount=11083)
    hour_7000 = (Tariff("55A11", Unit.HOUR, 7000, date(2026, 1, 1)),)
    assert codes(declaration(minutes), context(tariffs=hour_7000)) == ("0611",)


def test_amount_not_volume_times_tariff_gets_9346():
    assert codes(declaration(line(amount=60001))) == ("9346",)


def test_minute_amount_from_rounded_tariff_gets_9346():
    minutes = line(volume=95, unit=Unit.MINUTE, tariff=117, amount=95 * 117)
    hour_7000 = (Tariff("55A11", Unit.HOUR, 7000, date(2026, 1, 1)),)
    assert codes(declaration(minutes), context(tariffs=hour_7000)) == ("9346",)


def test_minute_amount_without_contract_tariff_only_gets_0611_and_is_held():
    minutes = line(volume=95, unit=Unit.MINUTE, tariff=117, amount=11083)
    unrelated = (Tariff("X", Unit.HOUR, 1, date(2026, 1, 1)),)
    outcome = match(declaration(minutes), context(tariffs=unrelated)).lines[0]
    assert (outcome.codes, outcome.status) == (("0611",), Status.HELD)


def test_an_allocations_lines_count_against_each_other_wherever_they_stand_in_the_declaration():
    other = allocation(version(code=None, extent=None), number=300202)
    both = (Tariff("55A11", Unit.HOUR, 7500, date(2026, 1, 1)), Tariff("55A12", Unit.HOUR, 7500, date(2026, 1, 1)))
    decl = declaration(line("R1"), line("R2", allocation_number=300202), line("R3", code="55A12"))
    result = match(decl, context(BUDGETED, other, tariffs=both))
    assert [o.codes for o in result.lines] == [(), (), ("9369",)]  # R1's 600 euros still count for R3
