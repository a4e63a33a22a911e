"""What the region file says about how care is bought beyond price × quantity (issue 17, items 2,
3, 5 and 6): the lot (perceel) every product and contract belongs to, a main contractor's
subcontractors, outcome clauses with a bonus or malus, the re-entry period of the outcome
indicators and the regional tariff of the harmonisation view.

The contracts and products sections stay free-form tables owned by the services that read them;
this module checks only the keys it adds and names every problem at once, so a region file that
leaves a contract out of the lots is refused before anything is written.
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, ValidationError, model_validator

Agb = Annotated[str, Field(pattern=r"^\d{8}$")]
ProductCode = Annotated[str, Field(pattern=r"^[0-9A-Z]{5}$")]
INDICATORS = ("dropout", "reentry", "satisfaction", "goal_attainment")
LOWER_IS_BETTER = frozenset({"dropout", "reentry"})


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Subcontractor(_Strict):
    """A subcontractor (onderaannemer) of the contract's provider, the main contractor
    (hoofdaannemer). Lines of the contract for `products` are its care: iJw 3.2's JW323 has no
    field for a subcontractor, so the region says which products each one delivers."""

    agb: Agb
    name: str = Field(min_length=1, max_length=120)
    products: list[ProductCode] = Field(min_length=1)


class OutcomeClause(_Strict):
    """A bonus or malus on an outcome indicator: settled per closed period. Percentages (dropout,
    re-entry, goal attainment) and the satisfaction score (1–10) are compared as decimals."""

    id: str = Field(pattern=r"^[a-z0-9-]{1,40}$")
    indicator: Literal["dropout", "reentry", "satisfaction", "goal_attainment"]
    period: Literal["quarter", "year"] = "year"
    threshold: Decimal = Field(ge=0, le=100)
    bonus: Annotated[int, Field(ge=1, le=99_999_999_99, strict=True)] | None = None
    malus: Annotated[int, Field(ge=1, le=99_999_999_99, strict=True)] | None = None
    min_cases: Annotated[int, Field(ge=1, le=100_000)] = 1
    """Fewer cases (stops, or respondents for a score) than this in the period: no bonus or malus."""

    @model_validator(mode="after")
    def _one_of(self) -> OutcomeClause:
        if (self.bonus is None) == (self.malus is None):
            raise ValueError("give either bonus or malus (eurocents)")
        if self.indicator == "satisfaction" and not 1 <= self.threshold <= 10:
            raise ValueError("a satisfaction threshold is a score from 1 to 10")
        return self


class ContractClauses(BaseModel):
    """The keys of a `[[contracts]]` table this module reads; the others are the services'."""

    model_config = ConfigDict(extra="ignore", frozen=True)
    budget_line: str = Field(min_length=1)
    subcontractors: list[Subcontractor] = []
    outcomes: list[OutcomeClause] = []


_SUBCONTRACTORS = TypeAdapter(list[Subcontractor])
_CLAUSES = TypeAdapter(list[OutcomeClause])


class Outcomes(_Strict):
    reentry_days: Annotated[int, Field(ge=1, le=3650)] = 180
    """A new allocation for a client within this many days after a stop counts as re-entry."""


class Harmonisation(_Strict):
    regional_tariff: Literal["median"] = "median"
    """The one regional tariff the month is priced at: the median of the tariffs in force..."""
    tariffs: dict[ProductCode, Annotated[int, Field(ge=0, le=99_999_999, strict=True)]] = {}
    """...unless the region sets its own for a product (eurocents per the product's unit)."""


def contract_ids(contracts: list[dict[str, Any]]) -> list[str]:
    """A contract's id: its `id`, else its provider's AGB code with `-2`, `-3` for further ones —
    the rule the allocation register and payments use."""
    seen: dict[str, int] = defaultdict(int)
    ids = []
    for c in contracts:
        seen[str(c.get("provider"))] += 1
        n = seen[str(c.get("provider"))]
        ids.append(c.get("id") or (str(c.get("provider")) if n == 1 else f"{c.get('provider')}-{n}"))
    return ids


def procurement_problems(products: list[dict[str, Any]], contracts: list[dict[str, Any]],
                         lots: dict[str, str]) -> list[str]:
    """Every problem with the lots, subcontractors and outcome clauses of the file."""
    problems = [f"products.{i} ({p.get('code')}): belongs to no lot: budget_line {_lot_problem(p, lots)}"
                for i, p in enumerate(products) if _lot_problem(p, lots)]
    lot_of = {p.get("code"): p.get("budget_line") for p in products}
    for i, (contract_id, c) in enumerate(zip(contract_ids(contracts), contracts, strict=True)):
        problems += [f"contracts.{i} ({contract_id}): {p}" for p in _contract_problems(c, lots, lot_of)]
    return problems


def _lot_problem(item: dict[str, Any], lots: dict[str, str]) -> str | None:
    line = item.get("budget_line")
    if not line:
        return "is missing"
    return None if line in lots else f"{line!r} is not a lot of [budget_lines]"


def _contract_problems(c: dict[str, Any], lots: dict[str, str], lot_of: dict[Any, Any]) -> list[str]:
    problems = [f"belongs to no lot: budget_line {_lot_problem(c, lots)}"] if _lot_problem(c, lots) else []
    tariffed = {t.get("product") for t in c.get("tariffs") or []}
    if c.get("budget_line") in lots and tariffed and c["budget_line"] not in {lot_of.get(code) for code in tariffed}:
        problems.append(f"budget_line {c['budget_line']!r} holds none of the contract's products")
    subs, sub_problems = _parsed(_SUBCONTRACTORS, c.get("subcontractors") or [], "subcontractors")
    clauses, clause_problems = _parsed(_CLAUSES, c.get("outcomes") or [], "outcomes")
    problems += sub_problems + _subcontractor_problems(c.get("provider"), subs or [], tariffed) + clause_problems
    ids = [o.id for o in clauses or []]
    problems += [f"outcomes: clause id {i!r} appears twice" for i in sorted({i for i in ids if ids.count(i) > 1})]
    return problems


def _parsed(adapter: TypeAdapter[Any], value: Any, where: str) -> tuple[Any, list[str]]:
    try:
        return adapter.validate_python(value), []
    except ValidationError as error:
        return None, [f"{'.'.join([where, *(str(p) for p in e['loc'])])}: {e['msg']}" for e in error.errors()]


def _subcontractor_problems(main: Any, subs: list[Subcontractor], tariffed: set[Any]) -> list[str]:
    problems, delivered_by = [], {}
    for s in subs:
        if s.agb == main:
            problems.append(f"subcontractors: {s.agb} is the main contractor itself")
        for code in s.products:
            if code not in tariffed:
                problems.append(f"subcontractors: {s.agb} delivers {code}, for which the contract has no tariff")
            elif code in delivered_by:
                problems.append(f"subcontractors: {code} is given to both {delivered_by[code]} and {s.agb}")
            delivered_by.setdefault(code, s.agb)
    agbs = [s.agb for s in subs]
    problems += [f"subcontractors: {a} appears twice" for a in sorted({a for a in agbs if agbs.count(a) > 1})]
    return problems


def procurement_section(contracts: list[dict[str, Any]], outcomes: Outcomes,
                        harmonisation: Harmonisation) -> dict[str, Any]:
    """The `procurement` section the services read: per contract its lot, subcontractors and
    outcome clauses, and the region's outcome and harmonisation settings."""
    return {
        "contracts": [{"id": contract_id, "provider": c.get("provider"),
                       **ContractClauses.model_validate(c).model_dump(mode="json")}
                      for contract_id, c in zip(contract_ids(contracts), contracts, strict=True)],
        "outcomes": outcomes.model_dump(mode="json"),
        "harmonisation": harmonisation.model_dump(mode="json"),
    }
