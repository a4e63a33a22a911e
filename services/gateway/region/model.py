"""The region file (design.md §8): one TOML document describing a region, validated whole
before anything is written, so a bad file changes nothing and says exactly what is wrong."""

from __future__ import annotations

import tomllib
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator, BaseModel, ConfigDict, Field, ValidationError, ValidationInfo, field_validator, model_validator,
)
from pydantic_core import PydanticCustomError
from stdnum import bic, iban
from stdnum.exceptions import ValidationError as NumberInvalid

from services.gateway.region.financing import Ledger, LumpSum
from services.gateway.region.locations import Locations
from services.gateway.region.problems import Problem, RegionFileError, syntax_problem, validation_problems
from services.gateway.region.procurement import Harmonisation, Outcomes
from services.gateway.region.references import reference_problems
from shared.auth.policy import password_findings, token_findings
from shared.auth.principal import Role

__all__ = ["Region", "RegionFileError", "Problem", "parse_region", "read_region"]


def _strong_token(value: str, info: ValidationInfo) -> str:
    """Only the demo region, marked `demo = true`, may keep tokens a person can read (and guess);
    the message names the rule, never the token."""
    if not (info.context or {}).get("demo") and (found := token_findings(value)):
        raise PydanticCustomError("token_policy", "token {words}", {"reasons": [r for r, _ in found],
                                                                    "words": found[0][1]})
    return value


def _bank_number(kind: str, check: Any, value: str) -> str:
    """An IBAN or BIC as stdnum checks it (its check digits too), named by its own rule."""
    try:
        return str(check(value))
    except NumberInvalid as invalid:
        raise PydanticCustomError(kind, "not a valid {kind}: {reason}",
                                  {"kind": kind.upper(), "reason": str(invalid).rstrip(".")}) from None


Gemeentecode = Annotated[str, Field(pattern=r"^\d{4}$")]
Agb = Annotated[str, Field(pattern=r"^\d{8}$")]
Token = Annotated[str, Field(min_length=12, max_length=256), AfterValidator(_strong_token)]
Cents = Annotated[int, Field(ge=0)]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Account(Strict):
    iban: str
    bic: str
    name: str

    @field_validator("iban")
    @classmethod
    def _iban(cls, value: str) -> str:
        return _bank_number("iban", iban.validate, value)

    @field_validator("bic")
    @classmethod
    def _bic(cls, value: str) -> str:
        return _bank_number("bic", bic.validate, value)


class Municipality(Strict):
    code: Gemeentecode
    name: str
    tokens: list[Token] = []
    budgets: dict[str, dict[str, Cents]] = {}
    """year → budget line (perceel) → eurocents."""


class Provider(Strict):
    agb: Agb
    name: str
    iban: str
    tokens: list[Token] = []

    @field_validator("iban")
    @classmethod
    def _iban(cls, value: str) -> str:
        return _bank_number("iban", iban.validate, value)


class Hub(Strict):
    code: Agb
    name: str
    on_behalf_of: list[Agb]
    tokens: list[Token] = []


class Staff(Strict):
    username: str = Field(min_length=2, max_length=120)
    name: str | None = Field(None, min_length=1, max_length=120)
    """The person's name, as the admins' screens show it."""
    roles: list[Role] = Field(min_length=1)
    municipalities: list[Gemeentecode] = Field(min_length=1)
    password: str | None = None
    tokens: list[Token] = []

    @field_validator("password")
    @classmethod
    def _password_policy(cls, value: str | None, info: ValidationInfo) -> str | None:
        """Applies to the demo region too (shared/auth/policy.py); the handler that sets a
        password checks it again."""
        if value is not None and (found := password_findings(value, info.data.get("username", ""))):
            raise PydanticCustomError("password_policy", "password {words}", {
                "reasons": [r for r, _ in found], "words": "; ".join(words for _, words in found)})
        return value


class CeilingExempt(Strict):
    """Care paid regardless of its contract's budget ceiling (CS Jeugd: crisis care, allocations
    the region names), reported beside the ceiling."""

    categories: list[Annotated[str, Field(pattern=r"^\d{2}$")]] = []
    products: list[Annotated[str, Field(pattern=r"^[0-9A-Z]{5}$")]] = []
    allocations: list[Annotated[str, Field(pattern=r"^\d{4}/\d{1,18}$")]] = []
    """`gemeentecode/ToewijzingNummer`, e.g. "0193/300201"."""


class ReportingThreshold(Strict):
    """The council's reporting threshold (verantwoordingsgrens) for the lawfulness statement: a
    percentage of what the municipality paid in the year (more than 0, at most 3 %, as the BBV
    allows; two decimals at most) or a fixed amount in eurocents — one of the two."""

    percent: Annotated[Decimal, Field(gt=0, le=3, decimal_places=2)] | None = None
    amount: Annotated[int, Field(ge=1, le=999_999_999_999, strict=True)] | None = None

    @model_validator(mode="after")
    def _one_of_two(self) -> ReportingThreshold:
        if (self.percent is None) == (self.amount is None):
            raise PydanticCustomError("reporting_threshold", "a reporting threshold is either a percent or an amount "
                                      "(eurocents), not both or neither")
        return self


class Policy(Strict):
    """The shape of the match and ceiling policy; which codes may be held is the invoicing
    service's rule (it refuses a policy it cannot apply)."""

    hold: list[Annotated[str, Field(pattern=r"^[0-9A-Z]{4}$")]] = []
    reject: list[Annotated[str, Field(pattern=r"^[0-9A-Z]{4}$")]] = []
    volume_tolerance_percent: Annotated[int, Field(ge=0, le=100)] = 0
    beyond_ceiling: Literal["hold", "approve"] = "hold"
    """What happens to a line beyond its contract's budget ceiling (iJw has no code to reject it)."""
    ceiling_warn_at: list[Annotated[int, Field(gt=0, lt=100)]] = [70, 95]
    """Ceiling usage percentages announced before 100 % ("op rood"); 70 % is the CS Jeugd rule."""
    ceiling_exempt: CeilingExempt = CeilingExempt()
    four_eyes_from: Annotated[int, Field(ge=1, le=100_000_000_00, strict=True)] | None = None
    """Eurocents: approving a held line of this amount or more takes two finance users (four eyes);
    absent, one finance user approves any held line."""
    reporting_threshold: ReportingThreshold | None = None
    """The region's reporting threshold for the lawfulness evidence (payments); absent, none."""
    reporting_thresholds: dict[Gemeentecode, ReportingThreshold] = {}
    """A municipality's own threshold, where its council set another than the region's."""


class Region(Strict):
    name: str
    demo: bool = False
    """Marks the demo region, whose readable tokens are published in the README: it lets them
    through the token rule and does nothing else. Never set it on a real region."""
    account: Account
    municipalities: list[Municipality] = Field(min_length=1)
    providers: list[Provider] = []
    hubs: list[Hub] = []
    staff: list[Staff] = []
    products: list[dict[str, Any]] = []
    budget_lines: dict[str, Annotated[str, Field(min_length=1, max_length=80)]] = {}
    """Budget line (perceel) code → the name staff read in reports; a line without one shows its code."""
    contracts: list[dict[str, Any]] = []
    policy: Policy = Policy()
    outcomes: Outcomes = Outcomes()
    harmonisation: Harmonisation = Harmonisation()
    valid_from: date | None = None
    lump_sums: list[LumpSum] = []
    """Lump-sum, function and availability financing of contracts (financing.py)."""
    ledger: Ledger = Ledger()
    """The region's own ledger with its municipalities: contributions, equalisation key, the SVB."""


def read_region(path: Path) -> Region:
    try:
        text = path.read_bytes()
    except OSError as error:
        raise RegionFileError(str(path), [Problem("", "file", str(error.strerror))]) from None
    return parse_region(text, str(path))


def parse_region(text: bytes, source: str = "region file") -> Region:
    """The region the file describes, or RegionFileError with every problem it has: its syntax
    (the first error: TOML cannot be read past it), else its shape, else what its parts name."""
    try:
        data = tomllib.loads(text.decode("utf-8"))
    except UnicodeDecodeError as error:
        raise RegionFileError(source, [Problem("", "encoding", f"not UTF-8 (byte {error.start})")]) from None
    except tomllib.TOMLDecodeError as error:
        raise RegionFileError(source, [syntax_problem(error)]) from None
    where = Locations(text)
    try:
        region = Region.model_validate(data, context={"demo": data.get("demo") is True})
    except ValidationError as error:
        raise RegionFileError(source, validation_problems(error, where)) from None
    if problems := reference_problems(region, where):
        raise RegionFileError(source, problems)
    return region
