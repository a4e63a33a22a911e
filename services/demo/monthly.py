"""One generated month in sending order: the providers' requests (JW315), the access teams'
allocations (JW301), the providers' starts (JW305), the declarations for the month (JW323) and,
after their answers, the follow-up declarations with duplicates and corrections.
"""

from __future__ import annotations

import random
from collections.abc import Iterable
from datetime import date, timedelta

from services.demo.declaring import Declarer, Draft
from services.demo.expectation import Ledger
from services.demo.messages import REFERRERS, Messages
from services.demo.months import add_months, month_of
from services.demo.offers import Offer
from services.demo.options import GeneratorOptions
from services.demo.outgoing import ALLOCATIONS, DECLARATIONS, FOLLOW_UPS, REQUESTS, STARTS, ExpectedLine, Outgoing
from services.demo.plan import Plan, PlannedAllocation
from services.demo.population import Population
from shared.ijw.model.basis import Period
from shared.ijw.model.allocation import Jw301
from shared.ijw.model.declaration import Jw323

ClientKey = tuple[str, str, str]  # (gemeente, AGB, BSN)


class Traffic:
    def __init__(self, rng: random.Random, options: GeneratorOptions, plan: Plan,
                 offers: dict[str, tuple[Offer, ...]], rejecting: frozenset[str] = frozenset()) -> None:
        """`rejecting`: the codes the region's policy rejects at once (the others may hold a line)."""
        self.rng, self.options, self.plan, self.offers = rng, options, plan, offers
        self.rejecting = rejecting
        self.messages = Messages()
        self.population = Population(rng, {a.client.bsn for a in plan.allocations})
        self.by_client: dict[ClientKey, list[PlannedAllocation]] = {}
        self.by_pair: dict[tuple[str, str], list[PlannedAllocation]] = {}
        for a in plan.allocations:
            self.by_client.setdefault((a.municipality, a.provider, a.client.bsn), []).append(a)
            self.by_pair.setdefault((a.municipality, a.provider), []).append(a)
        self.declarers: dict[tuple[str, str], Declarer] = {}

    def month(self, month: date) -> list[Outgoing]:
        issued = [a for a in self.plan.allocations if a.issued_in == month]
        out = [Outgoing(month, REQUESTS, self.messages.request(a, self._request_day(a), self.rng.choice(REFERRERS)))
               for a in issued if a.request is not None]
        new_by_client: dict[ClientKey, list[PlannedAllocation]] = {}
        for a in issued:
            new_by_client.setdefault((a.municipality, a.provider, a.client.bsn), []).append(a)
        allocation_days = {}
        for key in new_by_client:
            message = self._allocations(key, month)
            allocation_days[key] = message.header.message_id.date
            out.append(Outgoing(month, ALLOCATIONS, message))
        for key, new in new_by_client.items():
            started = [a for a in new if a.started is not None]
            if started:
                reported = max(a.started for a in started) + timedelta(days=self.rng.randint(1, 5))
                day = max(reported, allocation_days[key])
                out.append(Outgoing(month, STARTS, self.messages.start(new[0].client, started, day)))
        return out + self._declarations(month)

    def _request_day(self, a: PlannedAllocation) -> date:
        return a.decided.date() - timedelta(days=self.rng.randint(5, 15))

    def _allocations(self, key: ClientKey, month: date) -> Jw301:
        """OP087: all allocations of the client at this provider still valid, and the new ones."""
        issued = [a for a in self.by_client[key] if a.issued_in <= month]
        day = max(a.decided.date() for a in issued if a.issued_in == month)
        current = [a for a in issued if a.issued_in == month or a.end is None or a.end >= day]
        return self.messages.allocation(current[0].client, current, max(a.decided.date() for a in current))

    def _declarations(self, month: date) -> list[Outgoing]:
        period, follow_ups, out = month_of(month), [], []
        for (gemeente, agb), allocations in self.by_pair.items():
            declarer = self._declarer(gemeente, agb)
            drafts = declarer.month_lines(allocations, period)
            if not drafts:
                continue
            sent = self._declare(declarer, DECLARATIONS, gemeente, agb, period, drafts, "01", (3, 10))
            out.append(sent)
            approved = [d for d in drafts if _approved(sent, d)]
            answered = _answered_at_once(sent, self.rejecting)
            follow_ups.append((declarer, gemeente, agb, declarer.follow_ups(approved, period, answered)))
        for declarer, gemeente, agb, drafts in follow_ups:
            if drafts:
                out.append(self._declare(declarer, FOLLOW_UPS, gemeente, agb, period, drafts, "02", (15, 25)))
        return out

    def _declare(self, declarer: Declarer, step: int, gemeente: str, agb: str, period: Period,
                 drafts: list[Draft], suffix: str, days: tuple[int, int]) -> Outgoing:
        day = add_months(period.start, 1).replace(day=self.rng.randint(*days))
        number = f"D{period.start:%y%m}{gemeente}{suffix}"  # TR333: unique per provider
        message = self.messages.declaration(agb, gemeente, number, period, day, drafts)
        lines = [line for client in message.declaration.clients for line in client.lines]
        codes = declarer.ledger.judge(lines, period)
        return Outgoing(period.start, step, message, tuple(_expected(message, codes, drafts)))

    def _declarer(self, gemeente: str, agb: str) -> Declarer:
        key = (gemeente, agb)
        if key not in self.declarers:
            allocations = {a.number: a for a in self.by_pair[key]}
            ledger = Ledger(allocations, {o.code: o for o in self.offers[agb]})
            self.declarers[key] = Declarer(self.rng, self.options.error_rates, self.population, ledger, gemeente)
        return self.declarers[key]


def _answered_at_once(sent: Outgoing, rejecting: frozenset[str]) -> bool:
    """No line of the declaration waits for a person, so its JW325 goes out at once: each line is
    approved or has a code the region rejects at once. A code the policy does not name is taken to
    hold; a line held for its contract's budget ceiling the generator does not foresee."""
    return all(not line.codes or rejecting & set(line.codes) for line in sent.lines)


def _approved(sent: Outgoing, draft: Draft) -> bool:
    return any(line.reference == draft.line.reference and line.approves for line in sent.lines)


def _expected(message: Jw323, codes: dict[str, tuple[str, ...]], drafts: Iterable[Draft]) -> Iterable[ExpectedLine]:
    mistakes = {d.line.reference: d.mistake for d in drafts}
    for client in message.declaration.clients:
        for line in client.lines:
            yield ExpectedLine(line.reference, client.bsn, line.allocation_number, line.amount.signed,
                               codes[line.reference], mistakes[line.reference])
