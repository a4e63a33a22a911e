"""The iJw messages of the traffic, built as the codec's typed models (shared.ijw.model).

Identificatie is unique per sender per message type (TR056) across the whole scenario.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from services.demo.declaring import Draft
from services.demo.plan import PlannedAllocation
from services.demo.population import Client
from shared.ijw.model.allocation import Allocation, AllocationClient, Jw301
from shared.ijw.model.basis import Amount, Header, MessageId, Period, XsdVersion
from shared.ijw.model.declaration import Declaration, DeclarationClient, Jw323
from shared.ijw.model.delivery import Jw305, Jw307, StartClient, StartedProduct, StopClient, StoppedProduct
from shared.ijw.model.request import Jw315, Referrer, RequestClient, RequestedProduct

XSD = XsdVersion("1.0.0", "1.0.0")
REFERRERS = (Referrer("01", name="Toegangsteam"), Referrer("02", name="Huisartsenpraktijk De Brink"),
             Referrer("03", name="Jeugdarts GGD IJsselland"))


class Messages:
    def __init__(self, first: int = 0) -> None:
        """`first`: where this sender's numbering starts, so that two instances (the month's
        traffic and its stops) never give the same Identificatie (TR056)."""
        self._sent: dict[tuple[str, str], int] = {}
        self._first = first

    def header(self, code: str, sender: str, receiver: str, day: date) -> Header:
        key = (sender, code)
        self._sent[key] = self._sent.get(key, 0) + 1
        return Header(sender, receiver, MessageId(f"{code}{self._first + self._sent[key]:09d}", day), XSD)

    def request(self, a: PlannedAllocation, day: date, referrer: Referrer) -> Jw315:
        assert a.request is not None
        product = RequestedProduct(reference=a.request, start=a.start, end=a.end, product=a.offer.product,
                                   extent=a.extent, referrer=referrer)
        header = self.header("315", a.provider, a.municipality, day)
        return Jw315(header, RequestClient(a.client.person, (product,)))

    def allocation(self, client: Client, allocations: Sequence[PlannedAllocation], day: date) -> Jw301:
        """OP087: every allocation of this client at this provider still valid, plus the new ones."""
        first = allocations[0]
        versions = tuple(Allocation(
            number=a.number, decision_date=a.decided.date(), decision_time=a.decided.time(), start=a.start,
            end=a.end, provider_reference=a.request, product=a.offer.product, extent=a.extent) for a in allocations)
        body = AllocationClient(bsn=client.bsn, birth_date=client.person.birth_date, gender=client.gender,
                                name=client.full_name, contacts=(client.contact,), allocations=versions)
        return Jw301(self.header("301", first.municipality, first.provider, day), body)

    def start(self, client: Client, allocations: Sequence[PlannedAllocation], day: date) -> Jw305:
        products = tuple(StartedProduct(start=a.started, status="1", allocation_number=a.number,
                                        product=a.offer.product, allocation_start=a.start)
                         for a in allocations if a.started is not None)
        first = allocations[0]
        return Jw305(self.header("305", first.provider, first.municipality, day), StartClient(client.person, products))

    def stop(self, client: Client, stopped: Sequence[tuple[PlannedAllocation, date, str]], day: date) -> Jw307:
        """(allocation, Einddatum, RedenBeeindiging) per product; the key elements are its start's
        (TR382): the same Begindatum, ToewijzingNummer and product."""
        products = tuple(StoppedProduct(start=a.started, end=end, reason=reason, status="1", allocation_number=a.number,
                                        product=a.offer.product, allocation_start=a.start)
                         for a, end, reason in stopped if a.started is not None)
        first = stopped[0][0]
        return Jw307(self.header("307", first.provider, first.municipality, day), StopClient(client.person, products))

    def declaration(self, provider: str, municipality: str, number: str, month: Period, day: date,
                    drafts: Sequence[Draft]) -> Jw323:
        clients: dict[str, list] = {}
        for draft in drafts:  # TR101: one Client per BSN, lines in the order drafted
            clients.setdefault(draft.bsn, []).append(draft.line)
        total = sum(d.line.amount.signed for d in drafts)  # TR358: Σ debet − Σ credit
        declaration = Declaration(number, month, day, Amount.from_signed(total),
                                  tuple(DeclarationClient(bsn, tuple(lines)) for bsn, lines in clients.items()))
        return Jw323(self.header("323", provider, municipality, day), declaration)
