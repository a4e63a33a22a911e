"""Bodies of the admins' API: staff users with their sessions, and loading a region file."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel, Field

from shared.api.problems import Problem, ProblemError

REGION_FILE_PROBLEM = "urn:happyflow:problem:region-file"
"""422: the region file has problems; nothing of it was applied (its errors are `RegionFileError`s)."""
SHA256 = Field(pattern=r"^[0-9a-f]{64}$", examples=["3f5e0c2b9a7d4e1f8c6b5a4d3e2f1a0b9c8d7e6f5a4b3c2d1e0f9a8b7c6d5e4f"])


class Municipality(BaseModel):
    code: str = Field(examples=["0193"])
    name: str = Field(examples=["Zwolle"])


class StaffUser(BaseModel):
    username: str = Field(examples=["toegang.zwolle"])
    name: str | None = Field(examples=["Sanne de Vries"], description="the person's name, when the region file gives one")
    roles: list[str] = Field(examples=[["access"]])
    municipalities: list[Municipality] = Field(description="every municipality the user is bound to")
    api_tokens: int = Field(examples=[1], description="how many API tokens the user has (never the tokens)")
    open_sessions: int = Field(examples=[1], description="sessions started and not ended that have not passed "
                               "their absolute end (one may have passed its idle end unseen: the browser "
                               "holds the last activity)")
    last_signed_in: datetime | None = Field(examples=["2026-11-02T08:01:00Z"])


class OpenSession(BaseModel):
    started_at: datetime = Field(examples=["2026-11-02T08:01:00Z"])
    expires_at: datetime = Field(examples=["2026-11-02T18:01:00Z"], description="the absolute end")


class StaffEvent(BaseModel):
    at: datetime = Field(examples=["2026-11-02T08:00:00Z"])
    what: str = Field(examples=["registered"], description="registered (with its roles and municipalities then), "
                      "token_issued or removed")
    roles: list[str] | None = None
    municipalities: list[str] | None = None
    password_changed: bool = False


class StaffUserDetail(StaffUser):
    sessions: list[OpenSession]
    history: list[StaffEvent] = Field(description="what the region files did to the user, oldest first")
    may_end_sessions: bool = Field(description="whether you may sign the user out: only an admin bound to every "
                                   "municipality the user is bound to")


class SessionsEnded(BaseModel):
    ended: int = Field(examples=[2], description="how many open sessions were ended")


class RegionFileProblem(BaseModel):
    rule: str = Field(examples=["password_policy"], description="pydantic's error type for the shape of a value "
                      "(missing, string_pattern_mismatch, extra_forbidden, ...) or the region file's own rule "
                      "(toml_syntax, iban, bic, token_policy, password_policy, unknown_municipality, "
                      "unknown_provider, unused_budget_line, duplicate_party_code, duplicate_username, auditor_binding, "
                      "reporting_threshold, procurement, "
                      "keeps_loader)")
    path: str = Field(examples=["staff.2.password"], description="the key, dotted; empty for the whole file")
    line: int | None = Field(None, examples=[87])
    column: int | None = Field(None, examples=[1])
    message: str = Field(examples=["password must be 12 to 128 characters long"])
    params: dict[str, Any] = Field(default_factory=dict, examples=[{"reasons": ["length"]}],
                                   description="what the rule wanted (pattern, bounds, reasons); never the value")


class RegionFileProblems(Problem):
    """422: the file's problems (type urn:happyflow:problem:region-file), or, as for any request, a
    query parameter that is not valid (type urn:happyflow:problem:invalid-request)."""

    type: str = Field(REGION_FILE_PROBLEM, examples=[REGION_FILE_PROBLEM])
    errors: list[RegionFileProblem | ProblemError] | None = None


class FieldChange(BaseModel):
    field: str = Field(examples=["ceiling.2026"])
    before: Any = Field(examples=[450000000])
    after: Any = Field(examples=[500000000])


class Change(BaseModel):
    kind: str = Field(examples=["contract"], description="municipality, provider, hub, staff, account, product, "
                      "budget_line, contract, budget (municipality/year/budget line), policy or procurement")
    key: str = Field(examples=["98000001"])
    action: str = Field(examples=["changed"], description="added, changed, removed, or kept (a party the file no "
                        "longer lists stays: messages and payments refer to it)")
    fields: list[FieldChange] = Field(description="before and after; a password shows only as changed, a token as "
                                      "the count that works afterwards")


class RegionPreview(BaseModel):
    region: str = Field(examples=["Regio IJsselland"])
    sha256: str = SHA256
    size: int = Field(examples=[12001], description="bytes")
    preview: str = Field(examples=["9f2c…"], description="names this preview: load the file with ?preview=… to apply "
                         "it only if it still changes exactly this")
    changes: list[Change]


class RegionLoad(BaseModel):
    position: int | None = Field(examples=[1042], description="None: the file changed nothing, and no load was "
                                 "recorded")
    region: str = Field(examples=["Regio IJsselland"])
    sha256: str = SHA256
    size: int = Field(examples=[12001])
    loaded_by: str | None = Field(examples=["beheer"], description="None: the command line (happyflow region load)")
    loaded_at: datetime = Field(examples=["2026-11-02T08:00:00Z"])
    changes: list[Change]
