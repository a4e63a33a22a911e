"""The outcome the matcher should give each generated line, worked out from what the generator
itself issued (ijw-3.2.md §12, design.md §5): a line gets every code whose rule it fails, and
only approved lines move the totals later lines are checked against (held lines do not).

It covers the rules the generator can break; the rest (deleted allocations, budgets, client
mismatches, header and declaration codes, credits of a debet whose JW325 has not gone out) the
generator never provokes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from services.demo.months import month_of, months_touched, overlap
from services.demo.offers import HOUR, MINUTE, Offer, TOTAL
from services.demo.plan import PlannedAllocation
from services.demo.pricing import base_volume, comparable, price
from shared.ijw.model.basis import Period
from shared.ijw.model.declaration import DeclarationLine

APPROVE: tuple[str, ...] = ()
CODE_ORDER = ("9338", "9339", "9340", "9341", "9307", "9308", "9387", "9388", "9319", "9389", "8021",
              "9321", "9322", "0611", "9346", "8017", "9390")
Key = tuple[int, Period, str, str]


def claim_key(line: DeclarationLine) -> Key:
    return (line.allocation_number, line.period, line.category, line.product_code)  # TR389


def month_cap(a: PlannedAllocation, month: Period) -> int:
    """TR321: the allocated volume (base unit) for calendar month ∩ allocation; 0 outside it."""
    window = overlap(month, a.start, a.end)
    if window is None:
        return 0
    per = base_volume(a.extent.volume, a.extent.unit)
    if a.extent.frequency == "1":
        return per * ((window.end - window.start).days + 1)
    if a.extent.frequency == "2":
        raise ValueError("the generator issues no weekly allocations")
    return per  # IV078: V per month, also in a partial month; a total: at most V in any month


def total_cap(a: PlannedAllocation) -> int | None:
    """TR322: the allocated volume over the allocation's life; None without an end."""
    per = base_volume(a.extent.volume, a.extent.unit)
    if a.extent.frequency == TOTAL:
        return per
    if a.end is None:
        return None
    if a.extent.frequency == "1":
        return per * ((a.end - a.start).days + 1)
    return per * months_touched(a.start, a.end)


@dataclass
class Booked:
    line: DeclarationLine
    credited: bool = False


class Ledger:
    """What one gemeente knows and has approved for one provider."""

    def __init__(self, allocations: dict[int, PlannedAllocation], offers: dict[str, Offer]) -> None:
        self.allocations, self.offers = allocations, offers
        self.approved: dict[str, Booked] = {}
        self.used: set[str] = set()
        self.month_volume: dict[tuple[int, int, int], int] = {}
        self.total_volume: dict[int, int] = {}
        self.live: set[Key] = set()

    def room(self, a: PlannedAllocation, month: Period) -> int:
        """How much more (base unit) the allocation takes in `month` before a cap is hit."""
        left = month_cap(a, month) - self.month_volume.get((a.number, month.start.year, month.start.month), 0)
        total = total_cap(a)
        return left if total is None else min(left, total - self.total_volume.get(a.number, 0))

    def judge(self, lines: Sequence[DeclarationLine], period: Period) -> dict[str, tuple[str, ...]]:
        """Codes per ReferentieNummer, every credit before every debet (OP366); books approvals."""
        outcome = {}
        for line in [x for x in lines if x.amount.credit] + [x for x in lines if not x.amount.credit]:
            found = self._credit_codes(line) if line.amount.credit else self._debit_codes(line, period)
            outcome[line.reference] = codes = tuple(c for c in CODE_ORDER if c in found)
            self.used.add(line.reference)
            if codes == APPROVE:
                self._book(line)
        return outcome

    def _debit_codes(self, line: DeclarationLine, period: Period) -> set[str]:
        codes = self._tariff_codes(line)
        if claim_key(line) in self.live:
            codes.add("9389")
        if line.reference in self.used:
            codes.add("8021")
        a = self.allocations.get(line.allocation_number)
        if a is None:
            return codes | {"9338"}  # rules that need the allocation stay silent
        codes |= {"9339"} if line.category != a.offer.category else set()
        codes |= {"9340"} if line.product_code != a.offer.code else set()
        if line.period.end > period.end:
            codes.add("9319")
        return codes | _period_codes(line, a) | self._volume_codes(line, a)

    def _volume_codes(self, line: DeclarationLine, a: PlannedAllocation) -> set[str]:
        if not comparable(line.unit, a.extent.unit):
            return {"9341"}
        volume, month = base_volume(line.volume, line.unit), month_of(line.period.start)
        codes = set()
        if self.month_volume.get((a.number, month.start.year, month.start.month), 0) + volume > month_cap(a, month):
            codes.add("9321")
        total = total_cap(a)
        if total is not None and self.total_volume.get(a.number, 0) + volume > total:
            codes.add("9322")
        return codes

    def _tariff_codes(self, line: DeclarationLine) -> set[str]:
        offer = self.offers.get(line.product_code)
        cents = offer.tariff(line.period) if offer is not None else None
        if cents is None or not (line.unit == offer.unit or (offer.unit == HOUR and line.unit == MINUTE)):
            same = line.tariff is not None and line.amount.cents == line.volume * line.tariff
            return {"0611"} if same else {"0611", "9346"}
        expected = price(line.volume, line.unit, cents, offer.unit)
        codes = {"0611"} if line.tariff != expected.tariff else set()
        minute_on_hour = offer.unit == HOUR and line.unit == MINUTE
        right = expected.amount if minute_on_hour else line.volume * (line.tariff or 0)
        return codes | ({"9346"} if line.amount.cents != right else set())

    def _credit_codes(self, line: DeclarationLine) -> set[str]:
        codes = {"8021"} if line.reference in self.used else set()
        original = self.approved.get(line.previous_reference or "")
        if original is None or _shape(original.line) != _shape(line):
            codes.add("8017")  # TR323: no approved debet that this credit repeats
        if original is not None and original.credited:
            codes.add("9390")
        return codes

    def _book(self, line: DeclarationLine) -> None:
        if line.amount.credit:
            original = self.approved[line.previous_reference or ""]
            original.credited = True
            self._move(original.line, -1)
        else:
            self.approved[line.reference] = Booked(line)
            self._move(line, +1)

    def _move(self, line: DeclarationLine, sign: int) -> None:
        a = self.allocations.get(line.allocation_number)
        key = claim_key(line)
        if sign > 0:
            self.live.add(key)
        else:
            self.live.discard(key)
        if a is None or not comparable(line.unit, a.extent.unit):
            return
        volume = sign * base_volume(line.volume, line.unit)
        month = (a.number, line.period.start.year, line.period.start.month)
        self.month_volume[month] = self.month_volume.get(month, 0) + volume
        self.total_volume[a.number] = self.total_volume.get(a.number, 0) + volume


def _period_codes(line: DeclarationLine, a: PlannedAllocation) -> set[str]:
    month, codes = month_of(line.period.start), set()
    if line.period.start < a.start:
        codes.add("9307")
    if a.end is not None and line.period.end > a.end:
        codes.add("9308")
    begin = a.start if month.start < a.start <= month.end else month.start  # TR387
    last = a.end if a.end is not None and month.start <= a.end < month.end else month.end  # TR388
    codes |= {"9387"} if line.period.start != begin else set()
    return codes | ({"9388"} if line.period.end != last else set())


def _shape(line: DeclarationLine) -> tuple:
    return (line.allocation_number, line.category, line.product_code, line.period, line.volume, line.unit,
            line.tariff, line.amount.cents)
