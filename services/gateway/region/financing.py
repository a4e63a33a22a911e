"""The region file's financing beyond price × quantity (issue 17): lump-sum schedules of a
contract (or of one budget line, a lot, of it), and the region's own ledger with its
municipalities — their contributions and the equalisation (verevening) key.

Shares are percentages with at most two decimals; they must sum to exactly 100. A schedule runs in
whole periods (from the first day of a month or quarter to the last day of one), and its lump sums
count under one lot: its own `budget_line`, else its contract's (procurement.py).
Every cross-reference problem is collected, so a bad file is refused naming each one at once.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from datetime import date, timedelta
from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator
from stdnum import iban

Percent = Annotated[Decimal, Field(gt=0, le=100, max_digits=5, decimal_places=2)]
Cents = Annotated[int, Field(ge=0, strict=True)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class Svb(_Strict):
    """The Sociale Verzekeringsbank's account: PGB transfers are paid to it in the payment runs."""

    name: str = "Sociale Verzekeringsbank"
    iban: str
    bic: str | None = None

    @field_validator("iban")
    @classmethod
    def _iban(cls, value: str) -> str:
        return iban.validate(value)


class LumpSum(_Strict):
    """A fixed amount per month or quarter for a contract (or one budget line of it): lump-sum,
    function or availability financing. Lines declared under it are information only."""

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]{1,38}$")
    contract: str = Field(min_length=8, max_length=40)
    budget_line: str | None = None
    form: Literal["lump_sum", "function", "availability"] = "lump_sum"
    start: date = Field(alias="from")
    end: date = Field(alias="to")
    per: Literal["month", "quarter"] = "month"
    amount: Annotated[int, Field(gt=0, strict=True)]
    shares: dict[str, Percent]
    settlement: Literal["none", "difference", "corridor"] = "none"
    """Year end: none (the lump sum is final), difference (production − lump sum is paid or
    claimed), corridor (only what lies beyond ± corridor_percent of the lump sum)."""
    corridor_percent: Annotated[int, Field(ge=0, le=100)] = 0


class Contribution(_Strict):
    """What a municipality pays the regional body in advance, per month of a year."""

    municipality: str = Field(pattern=r"^\d{4}$")
    year: Annotated[int, Field(ge=2015, le=2100)]
    per_month: Cents


class EqualisationKey(_Strict):
    """How the year's total cost is shared among the municipalities: fixed shares (percent),
    by population (inhabitants) or by each municipality's budget for the year."""

    key: Literal["fixed", "population", "budget"]
    shares: dict[str, Percent] = {}
    population: dict[str, Annotated[int, Field(gt=0)]] = {}

    @field_validator("shares", "population")
    @classmethod
    def _codes(cls, value: dict[str, Any]) -> dict[str, Any]:
        if bad := [code for code in value if not (len(code) == 4 and code.isdigit())]:
            raise ValueError(f"not a gemeentecode: {bad}")
        return value


class Ledger(_Strict):
    svb: Svb | None = None
    contributions: list[Contribution] = []
    equalisation: dict[str, EqualisationKey] = {}
    """Year → key."""


def financing_problems(contract_ids: Sequence[str], municipalities: Sequence[str],
                       budgets: Mapping[str, Mapping[str, Mapping[str, int]]], budget_lines: set[str],
                       lump_sums: Sequence[LumpSum], ledger: Ledger) -> list[str]:
    """Every cross-reference problem of the financing sections, each named."""
    known = set(municipalities)
    problems = []
    for n, schedule in enumerate(lump_sums):
        where = f"lump_sums.{n} ({schedule.id})"
        problems += [f"{where}: {p}" for p in _schedule_problems(schedule)]
        if schedule.contract not in contract_ids:
            problems.append(f"{where}: unknown contract {schedule.contract}")
        if schedule.budget_line is not None and schedule.budget_line not in budget_lines:
            problems.append(f"{where}: unknown budget line {schedule.budget_line}")
        if unknown := sorted(set(schedule.shares) - known):
            problems.append(f"{where}: shares name unknown municipalities {unknown}")
    problems += _overlaps(lump_sums)
    if len({s.id for s in lump_sums}) != len(lump_sums):
        problems.append("lump_sums: an id appears twice")
    problems += _ledger_problems(known, budgets, ledger)
    return problems


def _schedule_problems(schedule: LumpSum) -> list[str]:
    problems = []
    if schedule.end < schedule.start:
        problems.append(f"ends ({schedule.end}) before it starts ({schedule.start})")
    months = 3 if schedule.per == "quarter" else 1
    if schedule.start.day != 1 or (schedule.start.month - 1) % months:
        problems.append(f"starts on {schedule.start}, not on the first day of a {schedule.per}")
    after = schedule.end + timedelta(days=1)
    if after.day != 1 or ((after.year - schedule.start.year) * 12 + after.month - schedule.start.month) % months:
        # A period cut short would still be paid in full; the budget counts whole months.
        problems.append(f"ends on {schedule.end}, not on the last day of a {schedule.per} of it")
    if (total := sum(schedule.shares.values(), Decimal(0))) != 100:
        problems.append(f"shares sum to {_percent(total)} %, not 100 %")
    return problems


def _percent(value: Decimal) -> str:
    return format(value.normalize(), "f")


def _overlaps(lump_sums: Sequence[LumpSum]) -> list[str]:
    """A contract (or budget line of it) paid by two schedules in one month would be paid twice."""
    by_contract: dict[str, list[LumpSum]] = defaultdict(list)
    problems = []
    for schedule in lump_sums:
        for other in by_contract[schedule.contract]:
            same_lot = None in (schedule.budget_line, other.budget_line) or schedule.budget_line == other.budget_line
            if same_lot and schedule.start <= other.end and other.start <= schedule.end:
                problems.append(f"lump_sums: {schedule.id} overlaps {other.id} for contract {schedule.contract} "
                                f"({max(schedule.start, other.start)} to {min(schedule.end, other.end)})")
        by_contract[schedule.contract].append(schedule)
    return problems


def _ledger_problems(known: set[str], budgets: Mapping[str, Mapping[str, Mapping[str, int]]],
                     ledger: Ledger) -> list[str]:
    problems = []
    seen: set[tuple[str, int]] = set()
    for n, c in enumerate(ledger.contributions):
        if c.municipality not in known:
            problems.append(f"ledger.contributions.{n}: unknown municipality {c.municipality}")
        if (c.municipality, c.year) in seen:
            problems.append(f"ledger.contributions.{n}: {c.municipality} {c.year} appears twice")
        seen.add((c.municipality, c.year))
    for year, key in ledger.equalisation.items():
        problems += [f"ledger.equalisation.{year}: {p}" for p in _key_problems(year, key, known, budgets)]
    return problems


def _key_problems(year: str, key: EqualisationKey, known: set[str],
                  budgets: Mapping[str, Mapping[str, Mapping[str, int]]]) -> list[str]:
    if not (year.isdigit() and len(year) == 4):
        return [f"not a year: {year}"]
    if key.key == "budget":
        missing = sorted(m for m in known if not sum((budgets.get(m) or {}).get(year, {}).values()))
        return [f"key budget: no budget for {year} of municipalities {missing}"] if missing else []
    named = key.shares if key.key == "fixed" else key.population
    problems = []
    if missing := sorted(known - set(named)):
        problems.append(f"key {key.key} omits municipalities {missing}")
    if unknown := sorted(set(named) - known):
        problems.append(f"key {key.key} names unknown municipalities {unknown}")
    if key.key == "fixed" and (total := sum(key.shares.values(), Decimal(0))) != 100:
        problems.append(f"shares sum to {_percent(total)} %, not 100 %")
    return problems
