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
from stdnum import bic, iban

from services.gateway.region.procurement import Harmonisation, Outcomes, procurement_problems
from shared.auth.policy import require_strong_password, token_problems
from shared.auth.principal import Role


def _strong_token(value: str, info: ValidationInfo) -> str:
    """Only the demo region, marked `demo = true`, may keep tokens a person can read (and guess);
    the message names the rule, never the token."""
    if not (info.context or {}).get("demo") and (problems := token_problems(value)):
        raise ValueError(f"token {problems[0]}")
    return value


Gemeentecode = Annotated[str, Field(pattern=r"^\d{4}$")]
Agb = Annotated[str, Field(pattern=r"^\d{8}$")]
Token = Annotated[str, Field(min_length=12, max_length=256), AfterValidator(_strong_token)]
Cents = Annotated[int, Field(ge=0)]


class RegionFileError(ValueError):
    pass


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Account(Strict):
    iban: str
    bic: str
    name: str

    @field_validator("iban")
    @classmethod
    def _iban(cls, value: str) -> str:
        return iban.validate(value)

    @field_validator("bic")
    @classmethod
    def _bic(cls, value: str) -> str:
        return bic.validate(value)


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
        return iban.validate(value)


class Hub(Strict):
    code: Agb
    name: str
    on_behalf_of: list[Agb]
    tokens: list[Token] = []


class Staff(Strict):
    username: str = Field(min_length=2, max_length=120)
    roles: list[Role] = Field(min_length=1)
    municipalities: list[Gemeentecode] = Field(min_length=1)
    password: str | None = None
    tokens: list[Token] = []

    @model_validator(mode="after")
    def _password_policy(self) -> Staff:
        """Applies to the demo region too (shared/auth/policy.py)."""
        if self.password is not None:
            require_strong_password(self.password, self.username)
        return self


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
            raise ValueError("a reporting threshold is either a percent or an amount (eurocents), not both or neither")
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

    @model_validator(mode="after")
    def _references(self) -> Region:
        known = {m.code for m in self.municipalities}
        providers = {p.agb for p in self.providers}
        for user in self.staff:
            if unknown := set(user.municipalities) - known:
                raise ValueError(f"staff {user.username}: unknown municipalities {sorted(unknown)}")
            if Role.AUDITOR in user.roles and set(user.municipalities) != known:
                raise ValueError(f"staff {user.username}: an auditor reads every municipality of the region: "
                                 f"list all {len(known)}")
        if unknown := set(self.policy.reporting_thresholds) - known:
            raise ValueError(f"policy.reporting_thresholds: unknown municipalities {sorted(unknown)}")
        for hub in self.hubs:
            if unknown := set(hub.on_behalf_of) - providers:
                raise ValueError(f"hub {hub.code}: unknown providers {sorted(unknown)}")
        lines = {p.get("budget_line") for p in self.products} | {
            line for m in self.municipalities for year in m.budgets.values() for line in year}
        if unknown := set(self.budget_lines) - lines:
            raise ValueError(f"budget_lines: names for budget lines no product or budget uses: {sorted(unknown)}")
        codes = [m.code for m in self.municipalities] + [p.agb for p in self.providers] + [h.code for h in self.hubs]
        if len(codes) != len(set(codes)):
            raise ValueError("a party code appears twice")
        if problems := procurement_problems(self.products, self.contracts, self.budget_lines):
            raise ValueError("\n    ".join(["lots, subcontractors and outcome clauses:", *problems]))
        return self


def read_region(path: Path) -> Region:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        return Region.model_validate(data, context={"demo": data.get("demo") is True})
    except tomllib.TOMLDecodeError as error:
        raise RegionFileError(f"{path}: not valid TOML: {error}") from None
    except ValidationError as error:
        problems = [f"  {'.'.join(str(p) for p in e['loc']) or '(file)'}: {e['msg']}" for e in error.errors()]
        raise RegionFileError(f"{path}: invalid region file:\n" + "\n".join(problems)) from None
    except OSError as error:
        raise RegionFileError(f"{path}: {error.strerror}") from None
