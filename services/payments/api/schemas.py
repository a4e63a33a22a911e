"""Request and response bodies of the payments API (money in integer eurocents)."""

from __future__ import annotations

from datetime import date, datetime

from pydantic import BaseModel, Field

from services.payments.adapters.specification_csv import credited_reference
from services.payments.domain.book import Item, Returned, Run
from services.payments.domain.remittance import end_to_end_id, remittance
from services.payments.domain.runs import Transfer
from services.payments.domain.specification import Specification
from shared.api import bounds


class CreateRunIn(BaseModel):
    due_up_to: bounds.Day


class ApproveIn(BaseModel):
    note: str = Field("", max_length=500, examples=["checked against the budget report"])


class ExportIn(BaseModel):
    execution_date: bounds.Day | None = None
    """Defaults to today."""


class ConfirmIn(BaseModel):
    executed_on: bounds.Day | None = None


class CancelIn(BaseModel):
    reason: str = Field(min_length=1, max_length=500)


class ReturnIn(BaseModel):
    """What the bank's statement says of the returned transfer."""

    amount: int = Field(gt=0, le=999_999_999_99, description="eurocents the bank returned: the whole transfer")
    reason: str = Field(pattern=r"^[A-Z0-9]{4}$", description="ISO 20022 return reason code, e.g. AC04")
    returned_on: bounds.Day = Field(description="booking date of the return on the region's account")


class ScheduleIn(BaseModel):
    up_to: bounds.Day


class SettleIn(BaseModel):
    contract_id: bounds.Identifier
    year: bounds.Year
    due_on: bounds.Day


class ItemOut(BaseModel):
    item_id: str
    kind: str
    provider: str
    municipality: str
    contract_id: str
    declaration_id: str | None
    amount: int
    period_start: date
    due_on: date
    status: str
    run_id: str | None

    @classmethod
    def of(cls, item: Item) -> ItemOut:
        return cls(item_id=item.item_id, kind=item.kind, provider=item.provider, municipality=item.municipality,
                   contract_id=item.contract_id, declaration_id=item.declaration_id, amount=item.amount,
                   period_start=item.period_start, due_on=item.due_on, status=item.status, run_id=item.run_id)


class TransferOut(BaseModel):
    provider: str
    amount: int
    declaration_ids: list[str]
    declaration_numbers: list[str] = Field(description="the provider's DeclaratieNummers")
    other_references: list[str]
    end_to_end_id: str
    remittance: str = Field(description="RmtInf/Ustrd as in the SEPA file")

    @classmethod
    def of(cls, t: Transfer, run_id: str) -> TransferOut:
        return cls(provider=t.provider, amount=t.amount, declaration_ids=list(t.declaration_ids),
                   declaration_numbers=list(t.declaration_numbers), other_references=list(t.other_references),
                   end_to_end_id=end_to_end_id(run_id, t.provider), remittance=remittance(run_id, t))


class ReturnedOut(BaseModel):
    provider: str
    amount: int
    reason: str
    returned_on: date

    @classmethod
    def of(cls, r: Returned) -> ReturnedOut:
        return cls(provider=r.provider, amount=r.amount, reason=r.reason, returned_on=r.returned_on)


class RunOut(BaseModel):
    run_id: str
    status: str = Field(description="created, approved, exported, confirmed or cancelled")
    due_up_to: date
    total: int
    created_by: str
    approved_by: str | None = Field(description="who approved it: a finance user other than the creator")
    carried_forward: list[str]
    message_id: str | None
    execution_date: date | None
    executed_on: date | None
    transfers: list[TransferOut]
    """The transfers of the file as exported; those the bank returned are also in `returned`."""
    returned: list[ReturnedOut]
    items: list[ItemOut]

    @classmethod
    def of(cls, run: Run, transfers: list[Transfer], items: list[Item]) -> RunOut:
        return cls(run_id=run.run_id, status=run.status, due_up_to=run.due_up_to, total=run.total,
                   created_by=run.created_by, approved_by=run.approved_by,
                   carried_forward=list(run.carried_forward), message_id=run.message_id,
                   execution_date=run.execution_date, executed_on=run.executed_on,
                   transfers=[TransferOut.of(t, run.run_id) for t in transfers],
                   returned=[ReturnedOut.of(r) for r in run.returns],
                   items=[ItemOut.of(i) for i in items])


class RunSummary(BaseModel):
    run_id: str
    status: str
    due_up_to: date
    total: int
    created_by: str
    approved_by: str | None
    execution_date: date | None = Field(None, description="the date the bank is to execute it (once exported)")
    executed_on: date | None = Field(None, description="the date the bank executed it (once confirmed)")


class SpecifiedItemOut(BaseModel):
    kind: str = Field(description="line, credit, advance or settlement")
    municipality: str
    contract_id: str
    declaration_number: str | None = Field(description="the provider's DeclaratieNummer")
    reference: str | None = Field(description="the line's ReferentieNummer")
    credited_reference: str | None = Field(description="a credit: the reference of the line it cancels")
    period_start: date
    approved: int | None = Field(description="a settlement: the year's approved eurocents")
    advances_paid: int | None = Field(description="a settlement: the advances it is offset against")
    amount: int

    @classmethod
    def of(cls, item: Item) -> SpecifiedItemOut:
        return cls(kind=item.kind, municipality=item.municipality, contract_id=item.contract_id,
                   declaration_number=item.declaration_number, reference=item.reference,
                   credited_reference=credited_reference(item), period_start=item.period_start,
                   approved=item.approved, advances_paid=item.advances_paid, amount=item.amount)


class SpecificationOut(BaseModel):
    """What one provider is paid in one run, item by item (betaalspecificatie)."""

    run_id: str
    provider: str
    run_status: str
    execution_date: date | None
    end_to_end_id: str = Field(description="EndToEndId of the transfer, as on the provider's bank statement")
    remittance: str | None = Field(description="RmtInf/Ustrd of the transfer; none when the items net to zero")
    total: int
    credits: int
    returned: ReturnedOut | None = Field(description="the bank returned the transfer: nothing of it was paid")
    items: list[SpecifiedItemOut]

    @classmethod
    def of(cls, s: Specification) -> SpecificationOut:
        return cls(run_id=s.run_id, provider=s.provider, run_status=s.run_status, execution_date=s.execution_date,
                   end_to_end_id=s.end_to_end_id, remittance=s.remittance, total=s.total, credits=s.credits,
                   returned=ReturnedOut.of(s.returned) if s.returned else None,
                   items=[SpecifiedItemOut.of(i) for i in s.items])


class BookedOut(BaseModel):
    run_id: str
    provider: str
    amount: int
    booked_on: date


class StatementReturnOut(BaseModel):
    run_id: str
    provider: str
    amount: int
    reason: str = Field(description="the bank's ISO 20022 return reason code (NARR when it gave none)")
    returned_on: date


class StatementImportOut(BaseModel):
    """What importing the statement did: transfers booked, transfers returned (their items are due
    again), runs confirmed because every transfer is now booked or returned."""

    statement_id: str
    account: str
    entries: int
    matched: int = Field(description="transactions that were transfers of exported runs")
    booked: list[BookedOut]
    returned: list[StatementReturnOut]
    confirmed: list[str]


class StatementOut(BaseModel):
    statement_id: str
    account: str
    message_id: str
    entries: int
    matched: int
    imported_by: str
    imported_at: datetime
