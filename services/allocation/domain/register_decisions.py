"""Commands and deciders that change the register of the region (design.md §8).

Every change is an event; identical re-submissions (a region file loaded again) decide nothing,
so re-loading the file is idempotent.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from services.allocation.domain import events as ev
from services.allocation.domain.errors import NotFound, RuleViolation
from services.allocation.domain.register import (
    VARIANTS,
    BudgetLine,
    Contract,
    ProductDefinition,
    Register,
    Tariff,
    close_open_tariff,
)
from services.allocation.domain.values import (
    CATEGORIES,
    OUTPUT_UNITS,
    UNITS,
    Product,
    check_agb,
    check_amount,
    check_municipality,
    check_product,
)

MAX_TOTAL = 999_999_999_999  # LDT_TotaalBedrag: yearly ceilings and budgets exceed LDT_Bedrag


@dataclass(frozen=True)
class DefineProduct:
    category: str
    code: str
    unit: str
    variant: str


@dataclass(frozen=True)
class ConcludeContract:
    contract_id: str
    provider_agb: str
    payment_term_days: int
    municipalities: frozenset[str] = frozenset()
    advance_per_month: int | None = None


@dataclass(frozen=True)
class AmendContractTerms:
    contract_id: str
    payment_term_days: int
    advance_per_month: int | None = None


@dataclass(frozen=True)
class AgreeTariff:
    contract_id: str
    category: str
    code: str
    valid_from: date
    amount: int
    valid_until: date | None = None


@dataclass(frozen=True)
class SetBudgetCeiling:
    contract_id: str
    year: int
    ceiling: int


@dataclass(frozen=True)
class DefineBudgetLine:
    code: str
    name: str
    categories: frozenset[str]


@dataclass(frozen=True)
class SetMunicipalBudget:
    municipality: str
    year: int
    budget_line: str
    amount: int


def decide_define_product(command: DefineProduct, state: Register, now: datetime) -> list[ev.Event]:
    definition = ProductDefinition(command.category, command.code, command.unit, command.variant)
    known = state.products.get((command.category, command.code))
    if known == definition:
        return []
    if known is not None:
        raise RuleViolation("HF-PRODUCT", f"{command.category}/{command.code} is already defined "
                            "differently; define a new product code instead")
    check_product(Product(command.category, command.code))
    _check_unit_fits_variant(command.unit, command.variant)
    return [ev.Event(ev.ProductDefined(command.category, command.code, command.unit, command.variant))]


def _check_unit_fits_variant(unit: str, variant: str) -> None:
    if unit not in UNITS or variant not in VARIANTS:
        raise RuleViolation("LDT_Eenheid", f"unknown unit {unit!r} or variant {variant!r}")
    # ijw-3.2.md §9: 82/83 are output units, 01/04/14/16/84 effort units (best understanding).
    if variant != "taak" and (unit in OUTPUT_UNITS) != (variant == "output"):
        raise RuleViolation("HF-VARIANT", f"unit {unit} does not fit the {variant} variant")


def decide_conclude_contract(command: ConcludeContract, state: Register, now: datetime) -> list[ev.Event]:
    if command.contract_id in state.contracts:
        raise RuleViolation("HF-CONTRACT-ID", f"contract {command.contract_id!r} already exists")
    check_agb(command.provider_agb)
    for municipality in command.municipalities:
        check_municipality(municipality)
    _check_terms(command.payment_term_days, command.advance_per_month)
    return [ev.Event(ev.ContractConcluded(command.contract_id, command.provider_agb,
                                          tuple(sorted(command.municipalities)), command.payment_term_days,
                                          command.advance_per_month))]


def decide_amend_terms(command: AmendContractTerms, state: Register, now: datetime) -> list[ev.Event]:
    contract = _contract(state, command.contract_id)
    terms = (command.payment_term_days, command.advance_per_month)
    if terms == (contract.payment_term_days, contract.advance_per_month):
        return []
    _check_terms(*terms)
    return [ev.Event(ev.ContractTermsAmended(contract.contract_id, contract.provider_agb,
                                             command.payment_term_days, command.advance_per_month))]


def _check_terms(payment_term_days: int, advance_per_month: int | None) -> None:
    if not 0 <= payment_term_days <= 365:
        raise RuleViolation("HF-TERMS", "payment term must be 0..365 days")
    if advance_per_month is not None:
        check_amount(advance_per_month, "advance per month")


def decide_agree_tariff(command: AgreeTariff, state: Register, now: datetime) -> list[ev.Event]:
    contract = _contract(state, command.contract_id)
    definition = state.products.get((command.category, command.code))
    if definition is None:
        raise RuleViolation("HF-UNKNOWN-PRODUCT", f"product {command.category}/{command.code} "
                            "is not defined in the register")
    tariff = Tariff(command.category, command.code, definition.unit, command.valid_from,
                    command.valid_until, command.amount)
    if tariff in contract.tariffs:
        return []
    check_amount(command.amount, "tariff")
    if tariff.valid_until is not None and tariff.valid_until < tariff.valid_from:
        raise RuleViolation("HF-PERIOD", "tariff valid_until lies before valid_from")
    closed = _check_no_overlap(contract, tariff)
    return [ev.Event(_tariff_agreed(contract, definition, tariff, closed))]


def _check_no_overlap(contract: Contract, new: Tariff) -> Tariff | None:
    """One tariff per product per day. Returns the open-ended tariff this one closes, if any."""
    closed = None
    for existing in contract.tariffs:
        after = close_open_tariff(existing, new)
        if after != existing:
            closed = after
        if (after.category, after.code) == (new.category, new.code) and after.period.overlaps(new.period):
            raise RuleViolation("HF-TARIFF-OVERLAP", f"a tariff for {new.category}/{new.code} is "
                                f"already valid from {after.valid_from}")
    return closed


def _tariff_agreed(contract: Contract, definition: ProductDefinition, tariff: Tariff,
                   closed: Tariff | None) -> ev.TariffAgreed:
    return ev.TariffAgreed(
        contract.contract_id, contract.provider_agb, tuple(sorted(contract.municipalities)), tariff.category,
        tariff.code, tariff.unit, definition.variant, tariff.valid_from, tariff.valid_until, tariff.amount,
        None if closed is None else ev.ClosedPeriod(closed.valid_from, closed.valid_until))


def decide_set_ceiling(command: SetBudgetCeiling, state: Register, now: datetime) -> list[ev.Event]:
    contract = _contract(state, command.contract_id)
    if contract.ceilings.get(command.year) == command.ceiling:
        return []
    _check_total(command.ceiling, command.year)
    return [ev.Event(ev.BudgetCeilingSet(contract.contract_id, contract.provider_agb, command.year,
                                         command.ceiling))]


def decide_define_budget_line(command: DefineBudgetLine, state: Register, now: datetime) -> list[ev.Event]:
    line = BudgetLine(command.code, command.name, command.categories)
    if state.budget_lines.get(command.code) == line:
        return []
    unknown = sorted(command.categories - CATEGORIES)
    if unknown or not command.categories:
        raise RuleViolation("LDT_ProductCategorie", f"a budget line needs known categories, not {unknown}")
    for other in state.budget_lines.values():
        if other.code != line.code and other.categories & line.categories:
            # A category in two lines would count its spending twice in budget exhaustion.
            raise RuleViolation("HF-BUDGET-LINE", f"categories already belong to budget line {other.code}")
    return [ev.Event(ev.BudgetLineDefined(line.code, line.name, tuple(sorted(line.categories))))]


def decide_set_municipal_budget(command: SetMunicipalBudget, state: Register,
                                now: datetime) -> list[ev.Event]:
    key = (command.municipality, command.year, command.budget_line)
    if state.municipal_budgets.get(key) == command.amount:
        return []
    check_municipality(command.municipality)
    if command.budget_line not in state.budget_lines:
        raise RuleViolation("HF-BUDGET-LINE", f"unknown budget line {command.budget_line!r}")
    _check_total(command.amount, command.year)
    return [ev.Event(ev.MunicipalBudgetSet(command.municipality, command.year, command.budget_line,
                                           command.amount), tenant=command.municipality)]


def _check_total(amount: int, year: int) -> None:
    if isinstance(amount, bool) or not isinstance(amount, int) or not 0 <= amount <= MAX_TOTAL:
        raise RuleViolation("LDT_TotaalBedrag", f"amount must be integer eurocents 0..{MAX_TOTAL}")
    if not 2015 <= year <= 2100:
        raise RuleViolation("HF-YEAR", f"year {year} out of range")


def _contract(state: Register, contract_id: str) -> Contract:
    try:
        return state.contracts[contract_id]
    except KeyError:
        raise NotFound(f"no contract {contract_id!r}") from None
