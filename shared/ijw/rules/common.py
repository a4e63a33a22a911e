"""Checks several messages share: the BSN eleven-test (CS002), birth dates, names, contacts,
the product conditions of allocations and requests, duplicate keys (TR101) and overlapping
periods of one product (TR302, TR386, TR410), and calendar arithmetic.

Each function yields a Finding per violation and names the model field (`where`) it concerns;
the rule set of a message lives in its own module.
"""

from __future__ import annotations

import re
from calendar import monthrange
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from typing import Hashable

from stdnum.nl import bsn

from shared.ijw.errors import Finding
from shared.ijw.model.allocation import Communication, Contact
from shared.ijw.model.basis import BirthDate, Extent, FullName, Product

UNITS_WITHOUT_DAILY = {"14", "16", "83", "84"}  # CS338 / CS343
FREQUENCIES_FOR_THOSE = {"2", "4", "6"}
BEFORE_3_0 = date(2020, 12, 31)  # conditions that apply to allocations running into iJw 3.0 and later
UNKNOWN_BIRTH_DATE = date(1900, 1, 1)
DUTCH_POSTCODE = re.compile(r"[1-9][0-9]{3}[a-zA-Z]{2}")  # CS089
REFERRERS_WITH_AGB = {"02", "03", "04", "05"}  # CD066-CD068: huisarts, jeugdarts, GI, medisch specialist


def bsn_findings(bsns: Iterable[tuple[str, str]]) -> Iterator[Finding]:
    for where, number in bsns:
        if not bsn.is_valid(number):  # CS002: 11-proef
            yield Finding("CS002", f"BSN {number} fails the eleven-test", field=where)


def filled(value: object) -> bool:
    """What the standard calls "gevuld": present and not only white space."""
    return value is not None and (not isinstance(value, str) or value.strip() != "")


def runs_into_3_0(end: date | None) -> bool:
    return end is None or end > BEFORE_3_0


def extent_findings(where: str, extent: Extent | None, end: date | None, rule: str = "CS338") -> Iterator[Finding]:
    """CS338 (JW301, JW317) and CS343 (JW315): no per-day frequency for these units."""
    if extent is not None and runs_into_3_0(end) and extent.unit in UNITS_WITHOUT_DAILY \
            and extent.frequency not in FREQUENCIES_FOR_THOSE:
        yield Finding(rule, f"Eenheid {extent.unit} needs Frequentie 2, 4 or 6", field=f"{where}.extent")


@dataclass(frozen=True, slots=True)
class Asked:
    """The parts of a ToegewezenProduct, AangevraagdProduct or NieuwProduct the CD rules read."""

    where: str
    product: Product | None
    extent: Extent | None
    budget: int | None
    end: date | None
    end_field: str = "end"


def product_findings(p: Asked, without_code: str) -> Iterator[Finding]:
    """CD041, CD079 and the rule that an Omvang needs a product code (CD080 on JW301, CD095 on
    JW315, CD096 on JW317), then the volume conditions."""
    code = p.product.code if p.product is not None else None
    if filled(code) and p.extent is None:
        yield Finding("CD041", "Omvang is required when Product/Code is filled", field=f"{p.where}.extent")
    if p.budget is None and p.product is None:
        yield Finding("CD079", "Product is required when Budget is empty", field=f"{p.where}.product")
    if p.extent is not None and not filled(code) and runs_into_3_0(p.end):
        yield Finding(without_code, "Omvang must be empty when Product/Code is empty", field=f"{p.where}.extent")
    yield from volume_findings(p)


def volume_findings(p: Asked) -> Iterator[Finding]:
    """CD075-CD078: a Budget or a weekly Omvang needs an Einddatum; Omvang and Budget exclude
    each other (both rules fire when both are filled)."""
    if p.budget is not None and p.end is None:
        yield Finding("CD075", "Einddatum is required when Budget is filled", field=f"{p.where}.{p.end_field}")
    if p.extent is not None and p.extent.frequency == "2" and p.end is None:
        yield Finding("CD076", "Einddatum is required with Frequentie 2 (per week)", field=f"{p.where}.{p.end_field}")
    if p.extent is not None and p.budget is not None:
        yield Finding("CD077", "Budget must be empty when Omvang is filled", field=f"{p.where}.budget")
        yield Finding("CD078", "Omvang must be empty when Budget is filled", field=f"{p.where}.extent")


def not_before(rule: str, where: str, start: date | None, end: date | None, what: str) -> Iterator[Finding]:
    """CS003, TR018: an end date on or after the start of its period (a missing start fails too,
    as in the published XSLT)."""
    if end is not None and (start is None or end < start):
        yield Finding(rule, f"{what} lies before the start of its period", field=where)


def not_after_message(where: str, day: date | None, dated: date, what: str) -> Iterator[Finding]:
    if day is not None and day > dated:  # TR134
        yield Finding("TR134", f"{what} {day} lies after the message date {dated}", field=where)


def birth_date_findings(where: str, birth: BirthDate, dated: date) -> Iterator[Finding]:
    """CS139 (DatumGebruik fits Datum), TR002 (at most 120 years back) and TR134."""
    day, usage = birth.date, birth.usage
    if (usage == "3" and day != UNKNOWN_BIRTH_DATE) or (usage == "2" and (day.month, day.day) != (1, 1)) \
            or (usage == "1" and day.day != 1):
        yield Finding("CS139", f"Datum {day} does not fit DatumGebruik {usage}", field=f"{where}.usage")
    unknown = usage == "3" and day == UNKNOWN_BIRTH_DATE
    if not unknown and _as_number(day) + 1_200_000 < _as_number(dated):
        yield Finding("TR002", "Geboortedatum lies more than 120 years before the message date", field=where)
    yield from not_after_message(where, day, dated, "Geboortedatum")


def name_findings(where: str, name: FullName) -> Iterator[Finding]:
    allowed = {"1", "2", "3", "4"} if name.partner_name is not None else {"1", "6"}
    if name.name_usage not in allowed:  # CS050
        yield Finding("CS050", f"NaamGebruik {name.name_usage} does not fit "
                      f"{'a' if name.partner_name else 'no'} Partnernaam", field=f"{where}.name_usage")


def communication_findings(where: str, communication: Communication | None) -> Iterator[Finding]:
    if communication is not None and filled(communication.language) != (communication.form == "1"):  # CD007
        yield Finding("CD007", "Taal is filled exactly when Vorm is 1 (tolk)", field=f"{where}.language")


def contact_findings(where: str, contact: Contact) -> Iterator[Finding]:
    """CD005, CD009, CD025, CD034, CS089 and TR006 on one Contact."""
    address = contact.address
    postcode = address.postcode if address is not None else None
    country = address.country if address is not None else None
    if contact.period is not None and contact.kind != "04":
        yield Finding("CD009", "a Periode is only allowed on a temporary address (Soort 04)", field=f"{where}.period")
    if contact.kind in ("01", "03") and not filled(postcode):
        yield Finding("CD034", f"Soort {contact.kind} needs a Postcode", field=f"{where}.address.postcode")
    if address is not None and filled(postcode) != filled(country):
        yield Finding("CD005", "Postcode and LandCode are filled together", field=f"{where}.address")
    if country == "NL" and address is not None and address.house is None:
        yield Finding("CD025", "a Dutch address needs a Huisnummer", field=f"{where}.address.house")
    if country == "NL" and not DUTCH_POSTCODE.fullmatch(postcode or ""):
        yield Finding("CS089", f"Postcode {postcode} is not a Dutch postcode", field=f"{where}.address.postcode")
    if contact.phone is None:  # TR006: a Telefoon, or Huis and Postcode
        if address is None or address.house is None:
            yield Finding("TR006", "Contact needs a Telefoon or a Huis", field=f"{where}.phone")
        if not filled(postcode):
            yield Finding("TR006", "Contact needs a Telefoon or a Postcode", field=f"{where}.phone")


def duplicate_findings(items: Iterable[tuple[str, Hashable]], what: str) -> Iterator[Finding]:
    """TR101: one finding per logical key that occurs more than once, on its last occurrence."""
    last: dict[Hashable, str] = {}
    counts: dict[Hashable, int] = {}
    for where, key in items:
        last[key], counts[key] = where, counts.get(key, 0) + 1
    for key, count in counts.items():
        if count > 1:
            yield Finding("TR101", f"{what} occurs {count} times", field=last[key])


@dataclass(frozen=True, slots=True)
class Planned:
    """A product over a period, for the no-overlap rules."""

    where: str
    product: Product | None
    start: date
    end: date | None


def overlap_findings(rule: str, items: list[Planned]) -> Iterator[Finding]:
    """TR302/TR386/TR410: the same product (code, else category; no category: any product) in
    overlapping periods; one finding per overlapping pair."""
    for i, this in enumerate(items):
        for earlier in items[:i]:
            if _same_product(this.product, earlier.product) and _overlap(this, earlier):
                yield Finding(rule, f"overlaps {earlier.where} for the same product", field=this.where)


def _same_product(a: Product | None, b: Product | None) -> bool:
    if a is None or b is None or not filled(a.category) or not filled(b.category):
        return True
    if a.category != b.category:
        return False
    return not (filled(a.code) and filled(b.code)) or a.code == b.code


def _overlap(a: Planned, b: Planned) -> bool:
    return (a.end is None or a.end >= b.start) and (b.end is None or b.end >= a.start)


def _as_number(day: date) -> int:
    """yyyymmdd, the way the published rule compares dates (TR002 adds 120 × 10000)."""
    return day.year * 10000 + day.month * 100 + day.day


def last_day(day: date) -> date:
    return day.replace(day=monthrange(day.year, day.month)[1])


def years_before(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)
