"""Level-2 (in-message) rules for JW323 (iJw 3.2 §11.1, §12.1).

Every rule is a pure function over the decoded model that yields one finding per violation, so a
caller sees every failing rule at once. Any finding here means: whole message rejected, 0001.
"""

from __future__ import annotations

import re
from collections import Counter
from datetime import date
from typing import Iterator

from shared.ijw.errors import Finding
from shared.ijw.model.declaration import DeclarationLine, Jw323
from shared.ijw.rules.common import bsn_findings, last_day, years_before

FIRST_DECLARABLE_DAY = date(2021, 1, 1)  # CS100: JW323 exists from iJw 3.0 (2021)
Lines = Iterator[tuple[str, DeclarationLine]]


def _lines(m: Jw323) -> Lines:
    for ci, client in enumerate(m.declaration.clients):
        for li, line in enumerate(client.lines):
            yield f"declaration.clients[{ci}].lines[{li}]", line


def cs002(m: Jw323) -> Iterator[Finding]:
    yield from bsn_findings((f"declaration.clients[{i}].bsn", c.bsn) for i, c in enumerate(m.declaration.clients))


def cs100(m: Jw323) -> Iterator[Finding]:
    if m.declaration.period.start < FIRST_DECLARABLE_DAY:
        yield Finding("CS100", "DeclaratiePeriode starts before 2021-01-01", field="declaration.period")
    for where, line in _lines(m):
        if line.period.start < FIRST_DECLARABLE_DAY:
            yield Finding("CS100", "ProductPeriode starts before 2021-01-01", field=f"{where}.period")


def cs319(m: Jw323) -> Iterator[Finding]:
    if not re.fullmatch(r"[a-zA-Z0-9]+", m.declaration.number):
        yield Finding("CS319", "DeclaratieNummer may only hold letters and digits", field="declaration.number")


def cs325(m: Jw323) -> Iterator[Finding]:
    if m.declaration.total.cents == 0 and m.declaration.total.credit:
        yield Finding("CS325", "a zero total must be debet (D)", field="declaration.total")
    for where, line in _lines(m):
        if line.amount.cents == 0 and line.amount.credit:
            yield Finding("CS325", "a zero amount must be debet (D)", field=f"{where}.amount")


def cs337(m: Jw323) -> Iterator[Finding]:
    for where, line in _lines(m):
        if (line.period.start.year, line.period.start.month) != (line.period.end.year, line.period.end.month):
            yield Finding("CS337", "ProductPeriode must lie within one calendar month", field=f"{where}.period")


def cs339(m: Jw323) -> Iterator[Finding]:
    for where, line in _lines(m):
        if line.unit == "83" and line.amount.cents != line.volume:
            yield Finding("CS339", "with Eenheid 83 IngediendBedrag must equal GeleverdVolume", field=f"{where}.amount")


def cs340(m: Jw323) -> Iterator[Finding]:
    period = m.declaration.period
    if period.start.day != 1 or period.end != last_day(period.start):
        yield Finding("CS340", "DeclaratiePeriode must be exactly one calendar month", field="declaration.period")


def cd060(m: Jw323) -> Iterator[Finding]:
    for where, line in _lines(m):
        if line.amount.credit and line.previous_reference is None:
            yield Finding("CD060", "a credit needs VorigReferentieNummer", field=f"{where}.previous_reference")
        if not line.amount.credit and line.previous_reference is not None:
            yield Finding("CD060", "a debet may not have VorigReferentieNummer", field=f"{where}.previous_reference")


def cd087(m: Jw323) -> Iterator[Finding]:
    for where, line in _lines(m):
        if (line.unit == "83") == (line.tariff is not None):
            need = "may not" if line.unit == "83" else "must"
            yield Finding("CD087", f"ProductTarief {need} be filled with Eenheid {line.unit}", field=f"{where}.tariff")


def tr101(m: Jw323) -> Iterator[Finding]:
    bsns = Counter(c.bsn for c in m.declaration.clients)
    for i, client in enumerate(m.declaration.clients):
        if bsns[client.bsn] > 1:
            yield Finding("TR101", f"Client {client.bsn} occurs more than once", field=f"declaration.clients[{i}].bsn")
    keys = Counter((line.reference, line.previous_reference) for _, line in _lines(m))
    for where, line in _lines(m):
        if keys[(line.reference, line.previous_reference)] > 1:
            yield Finding("TR101", f"ProductReferentie {line.reference} occurs more than once",
                          field=f"{where}.reference")


def tr134(m: Jw323) -> Iterator[Finding]:
    today = m.header.message_id.date
    if m.declaration.period.start > today:
        yield Finding("TR134", "DeclaratiePeriode starts after the message date", field="declaration.period")
    for where, line in _lines(m):
        if line.period.start > today:
            yield Finding("TR134", "ProductPeriode starts after the message date", field=f"{where}.period")


def tr137(m: Jw323) -> Iterator[Finding]:
    today = m.header.message_id.date
    periods = [("declaration.period", m.declaration.period)] + [(f"{w}.period", line.period) for w, line in _lines(m)]
    for where, period in periods:
        if period.end < period.start or period.end > today:
            yield Finding("TR137", "Einddatum must be on/after Begindatum and not after the message date",
                          field=where)


def tr315(m: Jw323) -> Iterator[Finding]:
    previous = Counter(line.previous_reference for _, line in _lines(m) if line.previous_reference is not None)
    for where, line in _lines(m):
        if line.previous_reference is not None and previous[line.previous_reference] > 1:
            yield Finding("TR315", f"VorigReferentieNummer {line.previous_reference} is used more than once",
                          field=f"{where}.previous_reference")


def tr316(m: Jw323) -> Iterator[Finding]:
    """A VorigReferentieNummer may not name any Prestatie of the same message (nor the line itself)."""
    references = {line.reference for _, line in _lines(m)}
    for where, line in _lines(m):
        if line.previous_reference in references:
            yield Finding("TR316", "a credit may not refer to a prestatie in the same message",
                          field=f"{where}.previous_reference")


def tr335(m: Jw323) -> Iterator[Finding]:
    oldest = years_before(m.declaration.date, 5)
    for where, line in _lines(m):
        if line.period.end < oldest:
            yield Finding("TR335", "ProductPeriode ended more than 5 years before DeclaratieDagtekening",
                          field=f"{where}.period")


def tr358(m: Jw323) -> Iterator[Finding]:
    total = sum(line.amount.signed for _, line in _lines(m))
    if total != m.declaration.total.signed:
        yield Finding("TR358", f"TotaalIngediendBedrag {m.declaration.total.signed} != sum of prestaties {total}",
                      field="declaration.total")


def tr416(m: Jw323) -> Iterator[Finding]:
    """Per client, as the published rules check it: the same allocation under two BSNs is 8187."""
    key = lambda line: (line.allocation_number, line.period, line.category, line.product_code)  # noqa: E731
    for ci, client in enumerate(m.declaration.clients):
        debets = Counter(key(line) for line in client.lines if not line.amount.credit)
        for li, line in enumerate(client.lines):
            if not line.amount.credit and debets[key(line)] > 1:
                yield Finding("TR416", "more than one debet for the same toewijzing, period and product",
                              field=f"declaration.clients[{ci}].lines[{li}]")


JW323_RULES = (cs002, cs100, cs319, cs325, cs337, cs339, cs340, cd060, cd087,
               tr101, tr134, tr137, tr315, tr316, tr335, tr358, tr416)


def check_jw323(m: Jw323) -> list[Finding]:
    return [finding for rule in JW323_RULES for finding in rule(m)]


__all__ = ["check_jw323", "JW323_RULES"]
