"""The register of the region: products, contracts, tariffs, ceilings and budgets."""

from datetime import date, datetime
from functools import reduce

import pytest

from services.allocation.domain import register as reg
from services.allocation.domain.errors import NotFound, RuleViolation
from services.allocation.domain.events import (
    BUDGET_CEILING_SET, CONTRACT_CONCLUDED, MUNICIPAL_BUDGET_SET, PRODUCT_DEFINED, TARIFF_AGREED)
from services.allocation.domain.register import Register, is_contracted, tariff_on
from services.allocation.domain.register_decisions import (
    AgreeTariff, AmendContractTerms, ConcludeContract, DefineBudgetLine, DefineProduct,
    SetBudgetCeiling, SetMunicipalBudget, decide_agree_tariff, decide_amend_terms,
    decide_conclude_contract, decide_define_budget_line, decide_define_product, decide_set_ceiling,
    decide_set_municipal_budget)
from services.allocation.domain.values import Period, Product

from .given import DEVENTER, OTHER_PROVIDER, PROVIDER, ZWOLLE

NOW = datetime(2026, 1, 5, 9, 0)
HOURLY = DefineProduct("45", "45A03", "04", "inspanning")
C1 = ConcludeContract("C-2026-01", PROVIDER, 30, frozenset({ZWOLLE}))
T2026 = AgreeTariff("C-2026-01", "45", "45A03", date(2026, 1, 1), 7500)
T2027 = AgreeTariff("C-2026-01", "45", "45A03", date(2027, 1, 1), 7700)
YOUTH = DefineBudgetLine("P1", "Jeugdhulp", frozenset({"45", "41"}))


def apply(state, *decisions):
    """Decide each (decider, command) against the state so far and evolve."""
    for decide, command in decisions:
        state = reduce(reg.evolve, decide(command, state, NOW), state)
    return state


def contracted() -> Register:
    return apply(Register(), (decide_define_product, HOURLY), (decide_conclude_contract, C1),
                 (decide_agree_tariff, T2026))


def test_defining_a_product_records_category_code_unit_and_variant():
    events = decide_define_product(HOURLY, Register(), NOW)
    assert [(e.type, e.payload) for e in events] == [(PRODUCT_DEFINED, {
        "category": "45", "code": "45A03", "unit": "04", "variant": "inspanning"})]


def test_loading_the_same_product_again_changes_nothing():
    assert decide_define_product(HOURLY, apply(Register(), (decide_define_product, HOURLY)), NOW) == []


def test_a_product_cannot_be_redefined_with_another_unit():
    state = apply(Register(), (decide_define_product, HOURLY))
    with pytest.raises(RuleViolation, match="HF-PRODUCT"):
        decide_define_product(DefineProduct("45", "45A03", "01", "inspanning"), state, NOW)


def test_an_output_unit_does_not_fit_an_effort_product():
    with pytest.raises(RuleViolation, match="HF-VARIANT"):
        decide_define_product(DefineProduct("45", "45A09", "83", "inspanning"), Register(), NOW)


def test_concluding_a_contract_records_provider_term_and_municipalities():
    events = decide_conclude_contract(C1, Register(), NOW)
    assert events[0].type == CONTRACT_CONCLUDED
    assert events[0].payload == {"contract_id": "C-2026-01", "provider_agb": PROVIDER,
                                 "municipalities": [ZWOLLE], "payment_term_days": 30,
                                 "advance_per_month": None}


def test_amending_terms_of_an_unknown_contract_is_not_found():
    with pytest.raises(NotFound):
        decide_amend_terms(AmendContractTerms("nope", 14), Register(), NOW)


def test_a_tariff_carries_provider_product_unit_and_validity():
    events = decide_agree_tariff(T2026, apply(Register(), (decide_define_product, HOURLY),
                                              (decide_conclude_contract, C1)), NOW)
    p = events[0].payload
    assert events[0].type == TARIFF_AGREED
    assert (p["provider_agb"], p["code"], p["unit"], p["valid_from"], p["amount"]) == (
        PROVIDER, "45A03", "04", "2026-01-01", 7500)


def test_a_tariff_needs_a_product_defined_in_the_register():
    state = apply(Register(), (decide_conclude_contract, C1))
    with pytest.raises(RuleViolation, match="HF-UNKNOWN-PRODUCT"):
        decide_agree_tariff(T2026, state, NOW)


def test_next_years_tariff_closes_the_open_ended_one():
    state = apply(contracted(), (decide_agree_tariff, T2027))
    assert tariff_on(state, PROVIDER, Product("45", "45A03"), date(2026, 12, 31)).amount == 7500
    assert tariff_on(state, PROVIDER, Product("45", "45A03"), date(2027, 1, 1)).amount == 7700


def test_two_tariffs_for_one_product_on_one_day_are_refused():
    overlapping = AgreeTariff("C-2026-01", "45", "45A03", date(2025, 7, 1), 7000, date(2026, 6, 30))
    with pytest.raises(RuleViolation, match="HF-TARIFF-OVERLAP"):
        decide_agree_tariff(overlapping, contracted(), NOW)


def test_tariff_on_date_is_none_before_the_contract_or_for_another_municipality():
    assert tariff_on(contracted(), PROVIDER, Product("45", "45A03"), date(2025, 12, 31)) is None
    assert tariff_on(contracted(), PROVIDER, Product("45", "45A03"), date(2026, 3, 1), DEVENTER) is None


def test_product_is_contracted_for_provider_on_period():
    period = Period(date(2026, 4, 1), date(2026, 7, 14))
    assert is_contracted(contracted(), PROVIDER, Product("45", "45A03"), period, ZWOLLE)
    assert is_contracted(contracted(), PROVIDER, Product("45"), period, ZWOLLE)
    assert not is_contracted(contracted(), OTHER_PROVIDER, Product("45", "45A03"), period, ZWOLLE)
    assert not is_contracted(contracted(), PROVIDER, Product("45", "45A04"), period, ZWOLLE)


def test_a_budget_ceiling_is_set_per_contract_per_year():
    events = decide_set_ceiling(SetBudgetCeiling("C-2026-01", 2026, 250_000_000), contracted(), NOW)
    assert [(e.type, e.payload["year"], e.payload["ceiling"]) for e in events] == [
        (BUDGET_CEILING_SET, 2026, 250_000_000)]


def test_a_category_belongs_to_one_budget_line_only():
    state = apply(Register(), (decide_define_budget_line, YOUTH))
    with pytest.raises(RuleViolation, match="HF-BUDGET-LINE"):
        decide_define_budget_line(DefineBudgetLine("P2", "GGZ", frozenset({"45", "54"})), state, NOW)


def test_a_municipal_budget_is_set_per_year_and_budget_line():
    state = apply(Register(), (decide_define_budget_line, YOUTH))
    events = decide_set_municipal_budget(SetMunicipalBudget(ZWOLLE, 2026, "P1", 1_500_000_000), state, NOW)
    assert [(e.type, e.tenant, e.payload["amount"]) for e in events] == [
        (MUNICIPAL_BUDGET_SET, ZWOLLE, 1_500_000_000)]
    assert reduce(reg.evolve, events, state).municipal_budgets[(ZWOLLE, 2026, "P1")] == 1_500_000_000


def test_a_municipal_budget_needs_a_known_budget_line():
    with pytest.raises(RuleViolation, match="HF-BUDGET-LINE"):
        decide_set_municipal_budget(SetMunicipalBudget(ZWOLLE, 2026, "P9", 1), Register(), NOW)


def test_contracted_products_are_those_of_contracts_covering_the_callers_municipalities():
    region_wide = ConcludeContract("C-REGION", OTHER_PROVIDER, 30, frozenset())
    state = apply(contracted(), (decide_conclude_contract, region_wide),
                  (decide_agree_tariff, AgreeTariff("C-REGION", "45", "45A03", date(2026, 1, 1), 7600)),
                  (decide_agree_tariff, T2027))
    found = {(c.contract_id, p.code, len(tariffs))
             for c, p, tariffs in reg.contracted_products(state, frozenset({DEVENTER}))}
    assert found == {("C-REGION", "45A03", 1)}
    zwolle = reg.contracted_products(state, frozenset({ZWOLLE}), PROVIDER)
    assert [(c.contract_id, p.unit, [t.valid_from.year for t in tariffs]) for c, p, tariffs in zwolle] == [
        ("C-2026-01", "04", [2026, 2027])]
