"""How care ends in the generated traffic: the providers' stops (JW307) with their reason
(RedenBeeindiging, JZ588), and a few clients who come back soon after — a new allocation (JW301)
and its start (JW305) — so that the outcome indicators (dropout, duration, re-entry) have
something to show.

Drawn from a random stream of their own, seeded apart from the traffic's, and sent after a
month's other messages with Identificaties of their own range: the other messages are the same
with them as without them, and nothing here changes what a declaration line gets (starts and
stops are monitoring only, OP364). A returning client is not declared for in the generated months.
"""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta

from services.demo.messages import Messages
from services.demo.months import add_months, last_day, month_of
from services.demo.offers import typical_extent
from services.demo.outgoing import RETURN_STARTS, RETURNS, STOPS, Outgoing
from services.demo.plan import Plan, PlannedAllocation

PLANNED = "31"
EARLY = (("32", 30), ("34", 28), ("33", 12), ("38", 10), ("35", 8), ("36", 6), ("39", 6))
"""Early ends and their weights: by the client, in agreement, by the provider, another provider,
outside circumstances, by the municipality, to another domain. Death (02) and a pause (20) are
left out: the indicators leave them out, and a pause would need a second stop."""
STOP_REPORTED = 0.9
"""A provider that reported a start mostly reports its stop too."""
EARLY_AT_MONTH_END, EARLY_MID_MONTH = 0.12, 0.6
"""Care that ends with its allocation at a month's end mostly ends as planned; an allocation
ending mid-month mostly means the care stopped early."""
RETURN_AFTER_EARLY, RETURN_AFTER_PLANNED = 0.3, 0.05
NUMBERS_FROM = 900_000
"""Returning clients' ToewijzingNummers lie past this in the plan's numbering, apart from it."""
IDENTIFICATIONS_FROM = 900_000_000

Stopped = tuple[PlannedAllocation, date, str]
ClientKey = tuple[str, str, str]


class Endings:
    def __init__(self, seed: int, plan: Plan, first_month: date) -> None:
        self.rng = random.Random(f"endings-{seed}")
        self.messages = Messages(IDENTIFICATIONS_FROM)
        self.first_month = first_month
        self.returning: list[PlannedAllocation] = []
        self.by_client: dict[ClientKey, list[PlannedAllocation]] = {}
        for a in plan.allocations:
            self.by_client.setdefault(_key(a), []).append(a)
        self.ending = sorted((a for a in plan.allocations if a.started is not None and a.end is not None),
                             key=lambda a: (a.municipality, a.number))

    def month(self, month: date) -> list[Outgoing]:
        stops: dict[ClientKey, list[Stopped]] = {}
        for a in self._ending_in(month):
            if self.rng.random() < STOP_REPORTED:
                stops.setdefault(_key(a), []).append((a, a.end, self._reason(a)))  # type: ignore[arg-type]
        out, returns = [], []
        for stopped in stops.values():
            day = max(end for _, end, _ in stopped) + timedelta(days=self.rng.randint(1, 5))
            out.append(Outgoing(month, STOPS, self.messages.stop(stopped[0][0].client, stopped, day)))
            returns += [r for a, _, reason in stopped if (r := self._return(a, reason, day, month)) is not None]
        for r in returns:
            out.append(Outgoing(month, RETURNS, self._allocation_message(r)))
        for r in returns:
            reported = r.started + timedelta(days=self.rng.randint(1, 5)) if r.started else None
            if reported is not None and reported <= latest(month):
                out.append(Outgoing(month, RETURN_STARTS, self.messages.start(r.client, [r], reported)))
        return out

    def _ending_in(self, month: date) -> list[PlannedAllocation]:
        """Care whose allocation ends in `month`; in the first month also care that ended before
        it (the allocations a provider declares past their end)."""
        first = month if month != self.first_month else date.min
        return [a for a in self.ending if a.end is not None and first <= a.end <= last_day(month)]

    def _reason(self, a: PlannedAllocation) -> str:
        assert a.end is not None
        early = self.rng.random() < (EARLY_AT_MONTH_END if a.end == last_day(a.end) else EARLY_MID_MONTH)
        if not early:
            return PLANNED
        reasons, weights = zip(*EARLY)
        return self.rng.choices(reasons, weights)[0]

    def _return(self, a: PlannedAllocation, reason: str, stopped_on: date, month: date) -> PlannedAllocation | None:
        """The same care at the same provider for the client, decided a few days after the stop."""
        rng = self.rng
        if rng.random() >= (RETURN_AFTER_PLANNED if reason == PLANNED else RETURN_AFTER_EARLY):
            return None
        decided = datetime.combine(stopped_on + timedelta(days=rng.randint(1, 5)),
                                   time(rng.randint(8, 16), rng.randrange(60)))
        if decided.date() > latest(month):
            return None
        start = decided.date() + timedelta(days=rng.randint(1, 21))
        life = rng.choice((3, 6))
        end = last_day(add_months(start, life - 1))
        if a.offer.tariff(month_of(start)) is None or a.offer.tariff(month_of(end)) is None:
            return None  # no contract tariff for it: the municipality would not allocate it
        count = sum(1 for r in self.returning if r.municipality == a.municipality) + 1
        returned = PlannedAllocation(
            number=(self.first_month.year % 100) * 1_000_000 + NUMBERS_FROM + count, municipality=a.municipality,
            provider=a.provider, client=a.client, offer=a.offer, start=start, end=end,
            extent=typical_extent(a.offer, rng, life), decided=decided, issued_in=month,
            started=start + timedelta(days=rng.randint(0, 3)))
        self.returning.append(returned)
        self.by_client[_key(a)].append(returned)
        return returned

    def _allocation_message(self, r: PlannedAllocation):  # type: ignore[no-untyped-def]
        """OP087: the new allocation with every other of the client's at this provider still valid."""
        day = r.decided.date()
        current = [a for a in self.by_client[_key(r)]
                   if a is r or (a.issued_in <= r.issued_in and a.decided.date() <= day
                                 and (a.end is None or a.end >= day))]
        return self.messages.allocation(r.client, current, day)


def latest(month: date) -> date:
    """No message of a month's endings is dated after its last follow-up declarations could be
    (the 25th of the next month): a gateway refuses a message dated after its receipt (TR135)."""
    return add_months(month, 1).replace(day=25)


def _key(a: PlannedAllocation) -> ClientKey:
    return (a.municipality, a.provider, a.client.bsn)
