"""Request and response bodies of the invoicing staff API."""

from __future__ import annotations

from datetime import date
from typing import Any, Literal

from pydantic import BaseModel, Field, model_validator

from shared.api.bounds import Identifier, Reference, Retourcode


class FirstApproval(BaseModel):
    by: str
    reason: str


class HeldLine(BaseModel):
    declaration_id: str
    declaration_number: str
    reference: str
    provider: str
    municipality: str
    bsn: str
    allocation_number: int
    status: str = Field(description="held, approved or rejected", examples=["held"])
    codes: list[str] = Field(examples=[["9321"]])
    amount: int = Field(description="signed eurocents", examples=[60000])
    received_on: date
    due_on: date | None = Field(None, description="rejected with its codes on this day if still open")
    answer_due: date = Field(description="the JW325 deadline: 10 working days after receipt")
    working_days_left: int = Field(description="working days from today to the JW325 deadline", examples=[6])
    claimed_by: str | None
    line: dict[str, Any] = Field(description="the line as declared")
    compared_with: dict[str, Any] = Field(description="the allocation version and contract tariff it was matched against")
    comments: list[dict[str, Any]] = Field(default_factory=list, description="who wrote what, when")
    first_approval: FirstApproval | None = Field(
        None, description="four eyes: the first approval of a line at or above four_eyes_from; a second "
                          "finance user completes it")


class HeldLineDetail(HeldLine):
    allocation: dict[str, Any] | None = Field(
        description="the allocation version named in compared_with: product, period, extent, budget")


class Deadline(BaseModel):
    due_on: date = Field(description="the day the margin settles these lines if still held")
    lines: int
    amount: int = Field(description="signed eurocents")


class RetourCode(BaseModel):
    code: str = Field(examples=["9338"])
    rule: str | None = Field(examples=["TR338"], description="none for the codes that answer (0200, 8001, ...)")
    description: str = Field(description="in Dutch, for staff screens",
                             examples=["Geen toewijzing bij het ToewijzingNummer van de prestatie"])
    rejects: bool = Field(True, description="a line can be rejected with it")


class Override(BaseModel):
    reason: str = Field(min_length=3, max_length=2000, examples=["allocation extended by phone; JW301 follows"])


class Rejection(BaseModel):
    reason: str = Field(min_length=3, max_length=2000, examples=["volume above the allocation"])
    codes: list[Retourcode] = Field(default_factory=list, max_length=20, description="the matcher's codes when empty",
                                    examples=[["9321"]])


class Note(BaseModel):
    text: str = Field(min_length=1, max_length=2000, examples=["asked the provider for the JW301 reference"])


class LineKey(BaseModel):
    declaration_id: Identifier = Field(examples=["5b0c6d1e-0000-4000-8000-000000000001"])
    reference: Reference = Field(examples=["R100"])


class BulkDecision(BaseModel):
    decision: Literal["approve", "reject"]
    reason: str = Field(min_length=3, max_length=2000, examples=["allocations confirmed by the municipality"])
    codes: list[Retourcode] = Field(default_factory=list, max_length=20,
                                     description="to reject: the codes for every line; empty: each line's own")
    lines: list[LineKey] = Field(min_length=1, max_length=500)

    @model_validator(mode="after")
    def _codes_only_to_reject(self) -> BulkDecision:
        if self.decision == "approve" and self.codes:
            raise ValueError("codes are given only to reject")
        return self


class BulkLineResult(BaseModel):
    declaration_id: str
    reference: str
    outcome: Literal["approved", "first_approved", "rejected", "refused", "not_found"]
    rule: str | None = Field(None, description="why it was refused", examples=["HF-CLAIMED"])
    message: str | None = Field(None, examples=["claimed by financien2"])
    claimed_by: str | None = Field(None, description="who has the line in hand (HF-CLAIMED)", examples=["financien2"])


class BulkResult(BaseModel):
    lines: list[BulkLineResult]
