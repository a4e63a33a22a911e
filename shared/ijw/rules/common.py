"""Checks several messages share: the BSN eleven-test (CS002) and calendar arithmetic."""

from __future__ import annotations

from calendar import monthrange
from datetime import date
from typing import Iterable, Iterator

from stdnum.nl import bsn

from shared.ijw.errors import Finding
from shared.ijw.model.basis import Extent

UNITS_WITHOUT_DAILY = {"14", "16", "83", "84"}  # CS338
FREQUENCIES_FOR_THOSE = {"2", "4", "6"}


def bsn_findings(bsns: Iterable[tuple[str, str]]) -> Iterator[Finding]:
    for where, number in bsns:
        if not bsn.is_valid(number):  # CS002: 11-proef
            yield Finding("CS002", f"BSN {number} fails the eleven-test", field=where)


def extent_findings(where: str, extent: Extent | None) -> Iterator[Finding]:
    if extent is not None and extent.unit in UNITS_WITHOUT_DAILY and extent.frequency not in FREQUENCIES_FOR_THOSE:
        yield Finding("CS338", f"Eenheid {extent.unit} needs Frequentie 2, 4 or 6", field=f"{where}.extent")


def last_day(day: date) -> date:
    return day.replace(day=monthrange(day.year, day.month)[1])


def years_before(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)
