"""The bounds of every number, date and code the APIs take (request bodies, query and path).

Nothing outside them reaches a handler: an integer past 2^63 breaks the database driver, a year
0 or 10000 and a date such as 9999-12-31 break date arithmetic (a payment term added to it),
and a negative `limit` lifts SQLite's LIMIT altogether. Amounts and codes take iJw's own
lengths (Basisschema: LDT_Bedrag, LDT_TotaalBedrag, LDT_Nummer, LDT_Volume, LDT_Referentie);
years and dates a window wide enough for any care this service will see. The examples are the
demo region's, so the documentation's "try it out" and the suite's schemathesis run reach past
the scope checks.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated

from annotated_types import Interval
from pydantic import Field, StringConstraints

MAX_UNIT_CENTS = 99_999_999
"""LDT_Bedrag: a tariff, an advance, one line's amount."""
MAX_TOTAL_CENTS = 999_999_999_999
"""LDT_TotaalBedrag: a budget, a ceiling, a declaration's total."""
FIRST_YEAR, LAST_YEAR = 2000, 2100
FIRST_DAY, LAST_DAY = date(FIRST_YEAR, 1, 1), date(LAST_YEAR, 12, 31)

UnitCents = Annotated[int, Interval(ge=0, le=MAX_UNIT_CENTS)]
TotalCents = Annotated[int, Interval(ge=0, le=MAX_TOTAL_CENTS)]
SignedCents = Annotated[int, Interval(ge=-MAX_TOTAL_CENTS, le=MAX_TOTAL_CENTS)]
"""A filter on signed amounts (a credit line is negative)."""
Year = Annotated[int, Interval(ge=FIRST_YEAR, le=LAST_YEAR), Field(examples=[2026])]
Day = Annotated[date, Interval(ge=FIRST_DAY, le=LAST_DAY), Field(examples=["2026-04-01"], json_schema_extra={
    "formatMinimum": FIRST_DAY.isoformat(), "formatMaximum": LAST_DAY.isoformat()})]
"""JSON Schema cannot bound a date; formatMinimum/formatMaximum (a proposal that validators such
as ajv implement) say the window in the document all the same."""
AllocationNumber = Annotated[int, Interval(ge=0, le=999_999_999), Field(examples=[300201])]
"""ToewijzingNummer (LDT_Nummer)."""
Volume = Annotated[int, Interval(ge=0, le=99_999_999)]
"""LDT_Volume."""
HouseNumber = Annotated[int, Interval(ge=0, le=99_999)]
"""LDT_Huisnummer."""

Gemeente = Annotated[str, StringConstraints(pattern=r"^\d{4}$"), Field(examples=["0193"])]
Agb = Annotated[str, StringConstraints(pattern=r"^\d{8}$"), Field(examples=["98000001"])]
Bsn = Annotated[str, StringConstraints(pattern=r"^\d{9}$"), Field(examples=["999900006"])]
Retourcode = Annotated[str, StringConstraints(pattern=r"^\d{4}$"), Field(examples=["9338"])]
Category = Annotated[str, StringConstraints(pattern=r"^\d{2}$"), Field(examples=["45"])]
ProductCode = Annotated[str, StringConstraints(pattern=r"^[0-9A-Z]{5}$"), Field(examples=["45A01"])]
Reference = Annotated[str, StringConstraints(min_length=1, max_length=36)]
"""ReferentieAanbieder and a declaration line's reference (LDT_Referentie)."""
Identifier = Annotated[str, StringConstraints(min_length=1, max_length=64)]
"""Our own ids in paths (message, declaration, run, contract): a uuid or shorter."""
ShortText = Annotated[str, StringConstraints(max_length=200)]
"""A name or code in a filter or a short field."""
