"""Request and response bodies of the allocation staff API (pydantic lives only here)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from services.allocation.domain.allocation import AllocationVersion
from services.allocation.domain.values import REASON_EXTENSION, Extent, Product
from shared.api import bounds

Bsn = Field(pattern=r"^\d{9}$", examples=["999900006"])
Agb = Field(pattern=r"^\d{8}$", examples=["98000001"])
Gemeente = Field(pattern=r"^\d{4}$", examples=["0193"])


class Body(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class AddressIn(Body):
    street: str | None = Field(None, min_length=1, max_length=80)
    house_number: bounds.HouseNumber | None = None
    postcode: str | None = Field(None, min_length=1, max_length=8)
    city: str | None = Field(None, min_length=1, max_length=80)
    country: str | None = Field(None, pattern=r"^[A-Z]{2}$")


class ClientIn(Body):
    """What the JW301 needs about the client; once given, later allocations reuse it."""

    birth_date: bounds.Day = Field(examples=["2014-03-12"])
    gender: Literal["0", "1", "2"] = Field(examples=["2"])
    surname: str = Field(min_length=1, max_length=200, examples=["Jansen"])
    prefix: str | None = Field(None, max_length=10, examples=["de"])
    first_names: str | None = Field(None, max_length=200, examples=["Eva"])
    initials: str | None = Field(None, max_length=6, examples=["E"])
    address: AddressIn | None = None


class ProductIn(Body):
    category: str = Field(pattern=r"^\d{2}$", examples=["45"])
    code: bounds.ProductCode | None = Field(None, examples=["45A01"])

    def value(self) -> Product:
        return Product(self.category, self.code)


class ExtentIn(Body):
    volume: bounds.Volume = Field(examples=[2])
    unit: str = Field(examples=["04"], pattern=r"^\d{2}$",
                      description="Eenheid (WJ756): 01 minuut, 04 uur, 14 etmaal, ...")
    frequency: str = Field(examples=["2"], pattern=r"^\d$",
                           description="Frequentie (WMO757): 1 dag, 2 week, 4 maand, 6 totaal")

    def value(self) -> Extent:
        return Extent(self.volume, self.unit, self.frequency)


class IssueIn(Body):
    model_config = ConfigDict(extra="forbid", frozen=True, json_schema_extra={"examples": [{
        "municipality": "0193", "client_bsn": "999900006", "provider_agb": "98000001",
        "client": {"birth_date": "2014-03-12", "gender": "2", "surname": "Jansen", "initials": "E"},
        "product": {"category": "45", "code": "45A01"}, "start": "2026-04-01", "end": "2026-07-14",
        "extent": {"volume": 2, "unit": "04", "frequency": "2"}, "referrer_type": "01"}]})

    municipality: str = Gemeente
    allocation_number: bounds.AllocationNumber | None = Field(
        None, description="ToewijzingNummer; the next free one when empty")
    client_bsn: str = Bsn
    client: ClientIn | None = None
    provider_agb: str = Agb
    product: ProductIn | None = None
    start: bounds.Day
    end: bounds.Day | None = None
    extent: ExtentIn | None = None
    budget: bounds.UnitCents | None = Field(None, description="eurocents (LDT_Budget)")
    referrer_type: str | None = Field(None, examples=["01"], pattern=r"^\d{2}$",
                                      description="Verwijzer Type (COD327)")
    comment: str | None = Field(None, max_length=1000)
    provider_reference: bounds.Reference | None = Field(None, description="the ReferentieAanbieder of the JW317 "
                                                        "whose NieuwProduct this allocation honours (IV097); "
                                                        "it goes out in the JW301")


class ExtendIn(Body):
    end: bounds.Day = Field(examples=["2026-12-31"])
    reason: str = Field(REASON_EXTENSION, pattern=r"^\d{2}$", description="RedenWijziging (JZ002)")
    comment: str | None = Field(None, max_length=1000)
    provider_reference: bounds.Reference | None = Field(None, description="the ReferentieAanbieder of the JW317 this "
                                           "change honours (IV097); it goes out in the JW301")


class ShortenIn(Body):
    end: bounds.Day = Field(examples=["2026-05-31"], description="on or before today revokes")
    reason: str = Field(examples=["03"], pattern=r"^\d{2}$",
                        description="RedenWijziging (JZ002); not 13 — use delete")
    comment: str | None = Field(None, max_length=1000)
    provider_reference: bounds.Reference | None = Field(None, description="the ReferentieAanbieder of the JW317 this "
                                           "change honours (IV097); it goes out in the JW301")


class DeleteIn(Body):
    comment: str | None = Field(None, max_length=1000)


class AllocationOut(BaseModel):
    municipality: str
    allocation_number: int
    client_bsn: str
    provider_agb: str
    product: dict[str, Any] | None
    start: date
    end: date | None
    extent: dict[str, Any] | None
    budget: int | None
    change_reason: str | None
    allocated_on: date
    allocated_at: str
    referrer_type: str | None
    provider_reference: str | None
    deleted: bool
    status: str = Field(description="active, ended or deleted")
    receipt: str | None = Field(None, description="JW302: pending, accepted or rejected")
    receipt_codes: list[str] = []

    @classmethod
    def of(cls, v: AllocationVersion, status: str, receipt: str | None = None,
           codes: list[str] | None = None) -> "AllocationOut":
        return cls(municipality=v.municipality, allocation_number=v.number, client_bsn=v.client_bsn,
                   provider_agb=v.provider_agb, product=None if v.product is None else v.product.to_payload(),
                   start=v.start, end=v.end, extent=None if v.extent is None else v.extent.to_payload(),
                   budget=v.budget, change_reason=v.change_reason, allocated_on=v.allocated_on,
                   allocated_at=v.allocated_at.isoformat(), referrer_type=v.referrer_type,
                   provider_reference=v.provider_reference, deleted=v.deleted, status=status,
                   receipt=receipt, receipt_codes=codes or [])


class HistoryEntry(BaseModel):
    event: str
    recorded_at: datetime
    recorded_by: str | None = Field(None, description="the staff user who made this change; null for a "
                                    "version the municipality's own system sent (JW301) and a provider's "
                                    "receipt (JW302)")
    changed: list[str] = Field([], description="fields of the version that differ from the version "
                               "recorded before it (empty for the first and for a receipt)")
    payload: dict[str, Any]


class HistoryOut(BaseModel):
    allocation: AllocationOut
    history: list[HistoryEntry]


class RequestOut(BaseModel):
    provider_agb: str
    reference: str
    municipality: str
    client_bsn: str
    kind: str = Field(description="allocation (JW315) or change (JW317)")
    status: str
    received_on: date
    due: date | None
    requested: dict[str, Any]
    answer: dict[str, Any] | None


class HonourIn(Body):
    allocation_numbers: list[bounds.AllocationNumber] = Field([], max_length=100, description=(
        "JW315: the ToewijzingNummer for the new allocation (the next free one when empty); JW317: the "
        "allocations changed or issued for it, each carrying its ReferentieAanbieder"))
    end: bounds.Day | None = Field(None, description="JW315 only: another Einddatum than asked for")
    extent: ExtentIn | None = Field(None, description="JW315 only: the Omvang granted, when it differs or "
                                    "the provider asked none")

    def adjustments(self) -> dict[str, Any]:
        chosen = {"end": self.end, "extent": None if self.extent is None else self.extent.value()}
        return {field: value for field, value in chosen.items() if value is not None}


class RejectIn(Body):
    model_config = ConfigDict(extra="forbid", frozen=True, json_schema_extra={"examples": [
        {"reason": "8", "responsible_municipality": "0150"}]})

    reason: str = Field(pattern=r"^[1-9]$", description="RedenAfwijzingVerzoek (WJ759)")
    responsible_municipality: str | None = Field(None, pattern=r"^\d{4}$",
                                                 description="only with reason 8 (woonplaatsbeginsel, OP359)")


ContractId = Field(min_length=1, max_length=40, pattern=r"^[A-Za-z0-9._-]+$", examples=["98000001"])
Category = Field(pattern=r"^\d{2}$", examples=["45"])
ProductCode = Field(pattern=r"^[0-9A-Z]{5}$", examples=["45A01"])


class ProductDefinitionIn(Body):
    category: str = Category
    code: str = ProductCode
    unit: str = Field(pattern=r"^\d{2}$", examples=["04"], description="Eenheid (WJ756)")
    variant: str = Field(max_length=20, examples=["inspanning"], description="inspanning, output or taak (UP026)")


class TermsIn(Body):
    """The contract's whole payment terms. Both are required, so leaving the advance out cannot
    silently end it: null ends it."""

    payment_term_days: int = Field(examples=[21], ge=0, le=365, description="days (HF-TERMS)")
    advance_per_month: bounds.UnitCents | None = Field(strict=True, examples=[12500000],
                                                       description="integer eurocents; null: no advance")


class ContractIn(Body):
    model_config = ConfigDict(extra="forbid", frozen=True, json_schema_extra={"examples": [{
        "contract_id": "98000007", "provider_agb": "98000007", "municipalities": ["0193", "0150"],
        "payment_term_days": 30, "advance_per_month": None}]})

    contract_id: str = ContractId
    provider_agb: str = Agb
    municipalities: list[bounds.Gemeente] = Field([], max_length=400,
                                                  description="empty: every municipality of the region")
    payment_term_days: int = Field(ge=0, le=365, description="days (HF-TERMS)")
    advance_per_month: bounds.UnitCents | None = Field(None, strict=True, description="integer eurocents")


class TariffIn(Body):
    model_config = ConfigDict(extra="forbid", frozen=True, json_schema_extra={"examples": [{
        "category": "45", "code": "45A01", "valid_from": "2027-01-01", "valid_until": "2027-12-31",
        "amount": 8100}]})

    category: str = Category
    code: str = ProductCode
    valid_from: bounds.Day
    valid_until: bounds.Day | None = Field(None, description="inclusive; null: open-ended")
    amount: bounds.UnitCents = Field(strict=True, description="integer eurocents per unit", examples=[8100])


class CeilingIn(Body):
    year: bounds.Year = Field(examples=[2027])
    ceiling: bounds.TotalCents = Field(strict=True, description="integer eurocents", examples=[450000000])


class BudgetIn(Body):
    model_config = ConfigDict(extra="forbid", frozen=True, json_schema_extra={"examples": [{
        "municipality": "0193", "year": 2027, "budget_line": "jeugd-ggz", "amount": 1100000000}]})

    municipality: str = Gemeente
    year: bounds.Year
    budget_line: str = Field(min_length=1, max_length=40)
    amount: bounds.TotalCents = Field(strict=True, description="integer eurocents", examples=[1100000000])


class ProductDefinitionOut(BaseModel):
    category: str
    code: str
    unit: str
    variant: str


class TariffOut(BaseModel):
    category: str
    code: str
    unit: str
    valid_from: date
    valid_until: date | None
    amount: int = Field(description="eurocents per unit")


class ContractOut(BaseModel):
    contract_id: str
    provider_agb: str
    municipalities: list[str] = Field(description="empty: every municipality of the region")
    payment_term_days: int
    advance_per_month: int | None
    ceilings: dict[int, int] = Field(description="year: eurocents")
    tariffs: list[TariffOut]


class BudgetLineOut(BaseModel):
    code: str
    name: str
    categories: list[str]


class BudgetOut(BaseModel):
    municipality: str
    year: int
    budget_line: str
    amount: int = Field(description="eurocents")


class RegisterOut(BaseModel):
    products: list[ProductDefinitionOut]
    contracts: list[ContractOut]
    budget_lines: list[BudgetLineOut]
    budgets: list[BudgetOut]
