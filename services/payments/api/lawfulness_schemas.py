"""The lawfulness evidence as JSON: totals per criterion with the threshold, and every paid line
traced from its payment to the evidence it was paid on (the drill-down)."""

from __future__ import annotations

from datetime import date
from typing import Any

from pydantic import BaseModel, Field

from services.payments.domain.lawfulness import AssessedLine, CriterionTotal, LawfulnessReport


class VerdictOut(BaseModel):
    status: str = Field(examples=["lawful", "uncertain", "unlawful"])
    reason: str = Field(examples=["allocation_and_tariff", "override", "beyond_budget", "advance_unsettled"])
    lawful: int
    uncertain: int
    unlawful: int


class PaymentOut(BaseModel):
    run_id: str
    end_to_end_id: str
    paid_on: date = Field(description="the day the bank booked the transfer (or executed the run)")
    message_id: str | None = Field(description="the pain.001 file's MsgId")
    statement_id: str | None = Field(description="the camt.053 statement that booked it")


class LineOut(BaseModel):
    item_id: str
    kind: str = Field(examples=["line", "credit", "advance", "settlement"])
    provider: str
    municipality: str
    contract_id: str
    amount: int = Field(description="eurocents paid (a credit negative)")
    period_start: date
    budget_line: str
    payment: PaymentOut
    declaration: dict[str, Any] | None = Field(description="declaration_id, declaration_number, answer_id "
                                                           "(the JW325), answered_on")
    line: dict[str, Any] | None = Field(description="the JW325 line as approved: reference, product, period, "
                                                    "volume, unit")
    evidence: dict[str, Any] | None = Field(description="how it was approved, the allocation version with its "
                                                        "referrer type, the contract tariff, the override's "
                                                        "reason and approvers")
    rules: list[dict[str, str]] = Field(description="each rule the line was checked against and its verdict")
    verdicts: dict[str, VerdictOut] = Field(description="per criterion: budget, conditions, misuse")

    @staticmethod
    def of(line: AssessedLine) -> LineOut:
        t, item = line.traced, line.traced.item
        declared = t.declaration
        return LineOut(
            item_id=item.item_id, kind=item.kind, provider=item.provider, municipality=item.municipality,
            contract_id=item.contract_id, amount=item.amount, period_start=item.period_start,
            budget_line=line.budget_line, payment=PaymentOut(**t.payment.__dict__),
            declaration=None if declared is None else {
                "declaration_id": declared.declaration_id, "declaration_number": declared.declaration_number,
                "answer_id": declared.answer_id, "answered_on": declared.answered_on.isoformat()},
            line=None if t.line is None else {k: v for k, v in t.line.items() if k != "evidence"},
            evidence=None if t.evidence is None else dict(t.evidence), rules=t.rules,
            verdicts={name: VerdictOut(status=v.status, reason=v.reason, lawful=v.lawful, uncertain=v.uncertain,
                                       unlawful=v.unlawful) for name, v in line.verdicts.items()})


class CriterionOut(BaseModel):
    criterion: str = Field(examples=["budget", "conditions", "misuse"])
    lawful: int
    uncertain: int
    unlawful: int
    lines: int
    by_reason: dict[str, int] = Field(description="eurocents per reason, to drill down by")

    @staticmethod
    def of(total: CriterionTotal) -> CriterionOut:
        return CriterionOut(criterion=total.criterion, lawful=total.lawful, uncertain=total.uncertain,
                            unlawful=total.unlawful, lines=total.lines, by_reason=dict(total.by_reason))


class ThresholdOut(BaseModel):
    amount: int = Field(description="eurocents")
    percent: str | None = Field(description="of what was paid, when the threshold is a percentage")
    above: bool = Field(description="errors and uncertainties together reach it")


class LawfulnessOut(BaseModel):
    municipality: str
    year: int
    as_of: date = Field(description="only what was recorded up to the end of this day counts")
    paid: int = Field(description="eurocents paid for the year's care, as of the date")
    unlawful: int = Field(description="errors: each euro once, whatever criteria it fails")
    uncertain: int = Field(description="uncertainties, each euro once")
    threshold: ThresholdOut | None
    criteria: list[CriterionOut]
    overrides: list[LineOut] = Field(description="lines paid on an override, with reason and approvers")
    refused: list[dict[str, Any]] = Field(description="duplicates (9389) and reused references (8021) found "
                                                      "and refused before payment")

    @staticmethod
    def of(report: LawfulnessReport) -> LawfulnessOut:
        threshold = report.threshold
        return LawfulnessOut(
            municipality=report.municipality, year=report.year, as_of=report.as_of, paid=report.paid,
            unlawful=report.unlawful, uncertain=report.uncertain,
            threshold=None if threshold is None else ThresholdOut(
                amount=threshold.amount, percent=None if threshold.percent is None else str(threshold.percent),
                above=bool(report.above_threshold)),
            criteria=[CriterionOut.of(t) for t in report.totals],
            overrides=[LineOut.of(line) for line in report.lines if line.verdicts["conditions"].reason == "override"],
            refused=[dict(r) for r in report.refused])


class LinesPage(BaseModel):
    items: list[LineOut]
    total: int = Field(description="lines matching, on every page")
    next_offset: int | None
