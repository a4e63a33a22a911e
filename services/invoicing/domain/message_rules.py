"""Level 2: the in-message rules (CD/CS/RS and in-message TRs). Any failure rejects the whole
message with 0001 and a header-only JW325 (ijw-3.2.md §11.1, §12.1). Returns the rule names.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from datetime import date

from services.invoicing.domain.calendar_counts import month_of
from services.invoicing.domain.declaration import Declaration, DebitCredit, Line, Period, Unit

_VERSION = re.compile(r"[0-9]+\.[0-9]+\.[0-9]+")  # RS048; design.md §5: any n.n.n is accepted
_DECLARATION_NUMBER = re.compile(r"[a-zA-Z0-9]{1,12}")  # CS319
_BSN_WEIGHTS = (9, 8, 7, 6, 5, 4, 3, 2, -1)
_FIRST_DAY = date(2021, 1, 1)  # CS100


def message_violations(declaration: Declaration) -> tuple[str, ...]:
    found = [*_header_rules(declaration), *_period_rules(declaration)]
    lines = [line for _, line in declaration.lines()]
    dated, oldest = declaration.header.message_date, _five_years_before(declaration.signed_on)
    for line in lines:
        found.extend(_line_rules(line, dated, oldest))
    found.extend(_uniqueness_rules(declaration, lines))
    found.extend(_total_rules(declaration, lines))
    return tuple(dict.fromkeys(found))


def bsn_passes_eleven_test(bsn: str) -> bool:
    if len(bsn) != 9 or not bsn.isdigit():
        return False
    return sum(w * int(d) for w, d in zip(_BSN_WEIGHTS, bsn)) % 11 == 0  # CS002


def _header_rules(declaration: Declaration) -> Iterator[str]:
    if not all(_VERSION.fullmatch(part) for part in declaration.header.xsd_version):
        yield "RS048"
    if not _DECLARATION_NUMBER.fullmatch(declaration.number):
        yield "CS319"
    if not all(bsn_passes_eleven_test(client.bsn) for client in declaration.clients):
        yield "CS002"


def _period_rules(declaration: Declaration) -> Iterator[str]:
    period, dated = declaration.period, declaration.header.message_date
    if period != month_of(period.begin):
        yield "CS340"
    if period.begin < _FIRST_DAY:
        yield "CS100"
    yield from _dated_rules(period, dated)


def _dated_rules(period: Period, dated: date) -> Iterator[str]:
    if period.begin > dated:
        yield "TR134"
    if period.end < period.begin or period.end > dated:
        yield "TR137"


def _line_rules(line: Line, dated: date, oldest: date) -> Iterator[str]:
    yield from _dated_rules(line.period, dated)
    if line.period.end > month_of(line.period.begin).end:
        yield "CS337"
    if line.period.begin < _FIRST_DAY:
        yield "CS100"
    if line.period.end < oldest:
        yield "TR335"
    if (line.previous_reference is not None) != line.is_credit:
        yield "CD060"
    if (line.tariff is None) != (line.unit is Unit.EUROS):
        yield "CD087"
    if line.unit is Unit.EUROS and line.amount != line.volume:
        yield "CS339"
    if line.amount == 0 and line.is_credit:
        yield "CS325"


def _five_years_before(day: date) -> date:
    try:
        return day.replace(year=day.year - 5)
    except ValueError:  # 29 February
        return day.replace(year=day.year - 5, day=28)


def _uniqueness_rules(declaration: Declaration, lines: list[Line]) -> Iterator[str]:
    bsns = Counter(client.bsn for client in declaration.clients)
    keys = Counter((line.reference, line.previous_reference) for line in lines)
    if max(bsns.values(), default=0) > 1 or max(keys.values(), default=0) > 1:
        yield "TR101"
    previous = [line.previous_reference for line in lines if line.previous_reference]
    if len(previous) != len(set(previous)):
        yield "TR315"
    if set(previous) & {line.reference for line in lines}:  # TR316: no prestatie of this message
        yield "TR316"
    for client in declaration.clients:  # TR416 per client: the same allocation under two BSNs is 8187
        debits = [line for line in client.lines if not line.is_credit]
        if len({line.claim_key for line in debits}) != len(debits):
            yield "TR416"
            break


def _total_rules(declaration: Declaration, lines: list[Line]) -> Iterator[str]:
    if declaration.signed_total != sum(line.signed_amount for line in lines):
        yield "TR358"
    if declaration.total_amount == 0 and declaration.total_debit_credit is DebitCredit.CREDIT:
        yield "CS325"
