"""Answers of the access team's look-ups (api/lookups.py)."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, Field

from services.allocation.ports import FoundClient


class ClientOut(BaseModel):
    municipality: str
    client_bsn: str
    surname: str | None
    prefix: str | None
    initials: str | None
    first_names: str | None
    birth_date: date | None
    gender: str | None = Field(description="Geslacht (COD046): 0 onbekend, 1 man, 2 vrouw")
    allocations: int = Field(description="allocations in this municipality, deleted ones not counted")

    @classmethod
    def of(cls, found: FoundClient) -> ClientOut:
        d = found.details
        return cls(municipality=found.municipality, client_bsn=found.client_bsn, surname=d.get("surname"),
                   prefix=d.get("prefix"), initials=d.get("initials"), first_names=d.get("first_names"),
                   birth_date=d.get("birth_date"), gender=d.get("gender"), allocations=found.allocations)


class PeriodOut(BaseModel):
    valid_from: date
    valid_until: date | None = Field(description="inclusive; null: open-ended")


class ContractedProductOut(BaseModel):
    provider_agb: str
    contract_id: str
    municipalities: list[str] = Field(description="the contract's; empty: every municipality of the region")
    category: str
    code: str
    name: str | None = Field(description="as the region file names it")
    unit: str = Field(description="Eenheid (WJ756) of the product and its tariff")
    variant: str | None = Field(description="inspanning, output or taak (UP026)")
    frequencies: list[str] = Field(description="Frequenties (WMO757) an Omvang in this unit may have")
    periods: list[PeriodOut] = Field(description="when the contract has a tariff for it")
