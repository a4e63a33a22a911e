"""Response bodies of the declarations API: a declaration found, and one declaration whole."""

from __future__ import annotations

from datetime import date
from typing import Any

from pydantic import BaseModel, Field


class DeclarationFound(BaseModel):
    declaration_id: str
    number: str = Field(description="DeclaratieNummer", examples=["DN20260401"])
    message_identification: str = Field(description="the JW323's BerichtIdentificatie", examples=["323-0506-1"])
    provider: str
    municipality: str
    period_begin: date
    received_on: date
    answer_due: date = Field(description="the JW325 deadline: 10 working days after receipt")
    status: str = Field(description="open (lines still held), answered, or refused as a whole",
                        examples=["answered"])
    submitted: int = Field(description="TotaalIngediendBedrag, signed eurocents")
    granted: int | None = Field(description="TotaalToegekendBedrag once answered, signed eurocents")
    held_lines: list[str] = Field(default_factory=list, description=(
        "references of its held lines (of the client searched for, when searching by BSN), the first 20"))


class LineTotal(BaseModel):
    status: str = Field(examples=["approved"])
    lines: int
    amount: int = Field(description="signed eurocents")


class DeclaredLine(BaseModel):
    reference: str
    bsn: str
    allocation_number: int
    status: str = Field(description="approved, rejected or held", examples=["held"])
    codes: list[str] = Field(description="the retourcodes of a rejected or held line", examples=[["9338"]])
    amount: int = Field(description="signed eurocents")
    claimed_by: str | None
    line: dict[str, Any] = Field(description="the line as declared")


class AnswerSent(BaseModel):
    answer_id: str | None = Field(description="the JW325's message id")
    answered_on: date | None = Field(description="unknown for declarations answered before it was kept")
    header_codes: list[str] = Field(description="the JW325 header's retourcodes", examples=[["0200"]])
    declaration_codes: list[str] = Field(description="the declaration's retourcodes", examples=[["8001"]])
    submitted: int = Field(description="TotaalIngediendBedrag, signed eurocents")
    granted: int = Field(description="TotaalToegekendBedrag, signed eurocents")
    xml_kept: bool = Field(description="whether /jw325 has the XML (kept for answers sent since it was added)")


class DeclarationSummary(DeclarationFound):
    totals: list[LineTotal] = Field(description="lines and amount per status")
    answer: AnswerSent | None = Field(description="the JW325, once sent")
    lines: list[DeclaredLine] = Field(description="one page of the lines; the header X-Total-Count holds how many")
