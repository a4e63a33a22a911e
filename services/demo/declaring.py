"""What a provider declares to one gemeente: per month a line per allocation it delivered on
(§5, §12.4: the month cut to the allocation, volume within it, the contract tariff), with the
mistakes real providers make; later, the duplicates and the credit + new debet corrections of
lines that were approved (§12.7).
"""

from __future__ import annotations

import random
from dataclasses import dataclass, replace
from math import ceil

from services.demo.expectation import Ledger
from services.demo.months import month_of, months_touched, overlap
from services.demo.offers import ETMAAL, HOUR, MINUTE, OUTPUT, TOTAL
from services.demo.options import ErrorRates
from services.demo.plan import DELIVERED_SHARE, OUTPUT_SHARE, PlannedAllocation
from services.demo.population import Population
from services.demo.pricing import price
from shared.ijw.model.basis import Amount, Period
from shared.ijw.model.declaration import DeclarationLine



@dataclass(frozen=True)
class Draft:
    bsn: str
    line: DeclarationLine
    mistake: str | None = None


class Declarer:
    """Drafts the lines of one provider to one gemeente, month after month."""

    def __init__(self, rng: random.Random, rates: ErrorRates, population: Population, ledger: Ledger,
                 prefix: str) -> None:
        self.rng, self.rates, self.population, self.ledger = rng, rates, population, ledger
        self.prefix, self.count = prefix, 0

    def reference(self, month: Period) -> str:
        self.count += 1
        return f"R{month.start:%y%m}{self.prefix}{self.count:06d}"

    def month_lines(self, allocations: list[PlannedAllocation], month: Period) -> list[Draft]:
        drafts = []
        for a in allocations:
            if a.declared_past_end_in == month.start:
                drafts.append(self._line(a, month, month, "expired_allocation"))
            elif a.active_in(month.start) and self._delivers(a):
                window = overlap(month, a.start, a.end)
                assert window is not None
                drafts.append(self._with_mistake(self._line(a, month, window, None)))
        return [d for d in drafts if d.line.volume > 0]

    def follow_ups(self, approved: list[Draft], month: Period, answered: bool) -> list[Draft]:
        """Duplicates and corrections of approved lines, for a later message. A provider corrects
        only what a JW325 told it was approved (IV085): a declaration still waiting for a person
        (`answered` False) gets no corrections yet, only the duplicates providers send anyway."""
        drafts = []
        for draft in approved:
            roll = self.rng.random()
            if roll < self.rates.duplicate:
                drafts.append(Draft(draft.bsn, replace(draft.line, reference=self.reference(month)), "duplicate"))
            elif roll < self.rates.duplicate + self.rates.correction and answered:
                drafts.extend(self._correction(draft, month))
        return drafts

    def _delivers(self, a: PlannedAllocation) -> bool:
        if a.extent.unit == OUTPUT:
            return self.rng.random() < OUTPUT_SHARE
        return self.rng.random() < DELIVERED_SHARE

    def _line(self, a: PlannedAllocation, month: Period, period: Period, mistake: str | None) -> Draft:
        unit = MINUTE if a.in_minutes else a.extent.unit
        per_unit = 60 if a.extent.unit == HOUR and unit == HOUR else 1  # base units (minutes) per unit
        room = self.ledger.room(a, month) // per_unit
        typical = self._typical(a, period, unit)
        volume = min(typical, room) if room > 0 or mistake is None else typical
        return Draft(a.client.bsn, self._priced(a, unit, period, volume, self.reference(month)), mistake)

    def _typical(self, a: PlannedAllocation, period: Period, unit: str) -> int:
        rng, volume = self.rng, a.extent.volume * (60 if unit != a.extent.unit else 1)
        if a.extent.frequency == TOTAL and a.extent.unit != OUTPUT:
            volume = ceil(volume / months_touched(a.start, a.end or a.start.replace(year=a.start.year + 1)))
        if a.extent.unit == ETMAAL:
            days = (period.end - period.start).days + 1
            return min(volume, days) if rng.random() < 0.8 else rng.randint(1, min(volume, days))
        drawn = rng.randint(max(1, volume // 2), volume)
        return max(5, drawn - drawn % 5) if unit == MINUTE else drawn

    def _priced(self, a: PlannedAllocation, unit: str, period: Period, volume: int, reference: str) -> DeclarationLine:
        cents = a.offer.tariff(period)
        assert cents is not None, "offers only hold products with a tariff for every generated month"
        p = price(volume, unit, cents, a.offer.unit)
        return DeclarationLine(reference, a.number, a.offer.category, a.offer.code, period, volume, unit,
                               Amount(p.amount), tariff=p.tariff)

    def _with_mistake(self, draft: Draft) -> Draft:
        roll, r = self.rng.random(), self.rates
        if roll < r.missing_allocation:
            return self._missing(draft)
        if roll < r.missing_allocation + r.wrong_tariff:
            return self._mispriced(draft)
        if roll < r.missing_allocation + r.wrong_tariff + r.volume_overrun:
            return self._overrun(draft)
        return draft

    def _missing(self, draft: Draft) -> Draft:
        """A ToewijzingNummer the gemeente never issued: a typo, or care for a client whose
        allocation the provider never received."""
        number = self.rng.randrange(10_000_000, 20_000_000)  # issued numbers are yy000001 and up
        while number in self.ledger.allocations:
            number = self.rng.randrange(10_000_000, 20_000_000)
        bsn = draft.bsn if self.rng.random() < 0.5 else self.population.bsn()
        return Draft(bsn, replace(draft.line, allocation_number=number), "missing_allocation")

    def _mispriced(self, draft: Draft) -> Draft:
        line = draft.line
        assert line.tariff is not None
        if self.rng.random() < 2 / 3:  # last year's tariff (0611)
            stale = max(1, line.tariff - max(1, round(line.tariff * 0.03)))
            return Draft(draft.bsn, replace(line, tariff=stale, amount=Amount(stale * line.volume)), "wrong_tariff")
        off = self.rng.choice((-1, 1)) * self.rng.randint(1, max(1, line.amount.cents // 20))
        amount = line.amount.cents + off if line.amount.cents + off >= 0 else line.amount.cents + abs(off)
        return Draft(draft.bsn, replace(line, amount=Amount(amount)), "wrong_tariff")  # miscalculated (9346)

    def _overrun(self, draft: Draft) -> Draft:
        line = draft.line
        a = self.ledger.allocations[line.allocation_number]
        per_unit = 60 if a.extent.unit == HOUR and line.unit == HOUR else 1
        room = max(0, self.ledger.room(a, month_of(line.period.start)) // per_unit)
        volume = room + max(1, line.volume // 4)
        p = price(volume, line.unit, a.offer.tariff(line.period) or 0, a.offer.unit)
        return Draft(draft.bsn, replace(line, volume=volume, amount=Amount(p.amount)), "volume_overrun")

    def _correction(self, draft: Draft, month: Period) -> list[Draft]:
        """§12.7: credit the approved debet exactly, then declare what was really delivered
        (nothing at all when the line was for a single unit)."""
        line = draft.line
        credit = replace(line, reference=self.reference(month), previous_reference=line.reference,
                         amount=Amount(line.amount.cents, credit=True))
        if line.volume == 1:
            return [Draft(draft.bsn, credit, "correction")]
        a = self.ledger.allocations[line.allocation_number]
        volume = line.volume - self.rng.randint(1, max(1, line.volume // 4))
        debet = self._priced(a, line.unit, line.period, volume, self.reference(month))
        return [Draft(draft.bsn, credit, "correction"), Draft(draft.bsn, debet, "correction")]
