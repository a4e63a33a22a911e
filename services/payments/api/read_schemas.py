"""Response bodies of what finance's screens read beside a run: the run compared with the previous
one sent to the bank, the steps the caller may take, returned transfers, one statement's outcome
(money in integer eurocents)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal

from pydantic import BaseModel, Field

from services.payments.domain.returned_transfers import ReturnedTransfer
from services.payments.domain.run_comparison import ProviderComparison, RunComparison
from services.payments.api.schemas import BookedOut, StatementReturnOut


class ProviderComparisonOut(BaseModel):
    provider: str
    amount: int = Field(description="the provider's net in this run: its transfer (0: not in this run)")
    declarations: int = Field(description="declarations whose lines or credits this run pays")
    items: int
    previous_amount: int | None = Field(description="its net in the previous run; null without a previous run")
    previous_declarations: int | None
    difference: int | None = Field(description="amount - previous_amount")
    carried_forward: bool = Field(description="its net is negative: left out of this run, carried forward")

    @classmethod
    def of(cls, p: ProviderComparison) -> ProviderComparisonOut:
        return cls(provider=p.provider, amount=p.amount, declarations=p.declarations, items=p.items,
                   previous_amount=p.previous_amount, previous_declarations=p.previous_declarations,
                   difference=p.difference, carried_forward=p.carried_forward)


class RunComparisonOut(BaseModel):
    """The run per provider beside the latest run created before it whose file went to the bank."""

    run_id: str
    total: int
    previous_run_id: str | None
    previous_due_up_to: date | None
    previous_execution_date: date | None
    previous_total: int | None
    providers: list[ProviderComparisonOut]

    @classmethod
    def of(cls, c: RunComparison) -> RunComparisonOut:
        before = c.previous
        return cls(run_id=c.run.run_id, total=c.run.total, previous_run_id=before.run_id if before else None,
                   previous_due_up_to=before.due_up_to if before else None,
                   previous_execution_date=before.execution_date if before else None,
                   previous_total=before.total if before else None,
                   providers=[ProviderComparisonOut.of(p) for p in c.providers])


Step = Literal["approve", "export", "confirm", "cancel"]


class StepOut(BaseModel):
    step: Step
    allowed: bool = Field(description="the caller may take this step now")
    rule: str | None = Field(description="the rule that refuses it (HF-FOUR-EYES, HF-RUN-EXPORTED, HF-RUN-STEP)")
    detail: str | None


class RunStepsOut(BaseModel):
    run_id: str
    status: str
    steps: list[StepOut] = Field(description="approve, export, confirm, cancel: each as the caller would be answered "
                                             "now; a step already taken is not allowed and names no rule")
    approvers: list[str] = Field(description="while the run waits for approval: the finance users who may approve "
                                             "it (bound to every municipality, not its creator)")


class ReturnedTransferOut(BaseModel):
    run_id: str
    provider: str
    amount: int
    reason: str = Field(description="the bank's ISO 20022 return reason code (NARR when it gave none)")
    returned_on: date
    state: Literal["due", "in_run", "sent_again"] = Field(
        description="its items now: owed and in no run, in a run not exported yet, or exported again")
    again_in: str | None = Field(description="the later run holding its items")

    @classmethod
    def of(cls, r: ReturnedTransfer) -> ReturnedTransferOut:
        return cls(run_id=r.run_id, provider=r.provider, amount=r.amount, reason=r.reason,
                   returned_on=r.returned_on, state=r.state, again_in=r.again_in)  # type: ignore[arg-type]


class RunStateOut(BaseModel):
    run_id: str
    status: str
    due_up_to: date


class StatementOutcomeOut(BaseModel):
    """One imported statement and what it did: transfers booked and returned, and where their runs
    stand now."""

    statement_id: str
    account: str
    message_id: str
    entries: int
    matched: int
    imported_by: str
    imported_at: datetime
    booked: list[BookedOut]
    returned: list[StatementReturnOut]
    runs: list[RunStateOut]
