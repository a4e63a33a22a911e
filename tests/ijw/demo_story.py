"""The README's examples in the demo region (examples/regions/ijsselland.toml): Zwolle (0193)
allocates 45A01 (ambulante jeugdhulp, per uur) to De Vechtstroom Jeugdhulp (98000001), whose
contract pays 7850 cents an hour, so the declaration reaches the happy flow; and a second client
whose allocation arrives after the declaration that needs it (examples/demo/late/).

Written to examples/demo by `python -m tests.ijw.write_examples`; the tests post exactly those files.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, time

from shared.ijw.model.allocation import Jw301
from shared.ijw.model.basis import Amount, Extent, Header, MessageId, Period, Product
from shared.ijw.model.declaration import Jw323
from shared.ijw.model.delivery import Jw305
from tests.ijw import story as s

GEMEENTE, AGB = "0193", "98000001"
PRODUCT = Product("45", "45A01")
HOUR = 7850  # the contract's tariff for 45A01 (ijsselland.toml)
LATE_BSN = "999900018"
SEPTEMBER = Period(date(2026, 9, 1), date(2026, 9, 30))


def _header(header: Header) -> Header:
    from_gemeente = header.sender == s.GEMEENTE
    sender, receiver = (GEMEENTE, AGB) if from_gemeente else (AGB, GEMEENTE)
    return replace(header, sender=sender, receiver=receiver)


def jw301() -> Jw301:
    message = s.jw301()
    allocation = replace(s.allocation(), product=PRODUCT, provider_reference=None)  # not honouring a request
    return replace(message, header=_header(message.header),
                   client=replace(message.client, allocations=(allocation,)))


def jw305() -> Jw305:
    message = s.jw305()
    products = tuple(replace(p, product=PRODUCT) for p in message.client.products)
    return replace(message, header=_header(message.header), client=replace(message.client, products=products))


def line(**changes):  # type: ignore[no-untyped-def]
    volume = changes.pop("volume", 8)
    credit = changes.pop("credit", False)
    return s.line(category="45", product_code="45A01", tariff=HOUR, volume=volume,
                  amount=Amount(volume * HOUR, credit), **changes)


def _declared(message: Jw323) -> Jw323:
    return replace(message, header=_header(message.header))


def jw323() -> Jw323:
    """April declared on 2026-05-06: 8 uur × €78.50 = €628.00 (R100)."""
    return _declared(s.jw323(line()))


def jw323_correction() -> Jw323:
    """Only 7 hours were delivered in April: credit R100 and declare again, plus May."""
    may = Period(date(2026, 5, 1), date(2026, 5, 31))
    lines = (line(reference="R101", previous_reference="R100", credit=True), line(reference="R102", volume=7),
             line(reference="R103", period=may, volume=10))
    return _declared(s.jw323(*lines, period=may, day=date(2026, 6, 3), number="DN20260501"))


def late_jw323() -> Jw323:
    """September declared for a second client whose allocation 300301 has not arrived yet."""
    message = s.jw323(line(reference="R300", allocation_number=300301, period=SEPTEMBER, volume=6),
                      period=SEPTEMBER, day=date(2026, 10, 5), number="DN20260901")
    client = replace(message.declaration.clients[0], bsn=LATE_BSN)
    return _declared(replace(message, header=replace(message.header, message_id=MessageId("323-1005-1", date(2026, 10, 5))),
                             declaration=replace(message.declaration, clients=(client,))))


def late_jw301() -> Jw301:
    """Allocation 300301 for that client, decided after the declaration came in."""
    message = jw301()
    allocation = replace(s.allocation(), number=300301, product=PRODUCT, provider_reference=None,
                         decision_date=date(2026, 10, 7), decision_time=time(10, 15), start=date(2026, 9, 1),
                         end=date(2026, 12, 31), extent=Extent(2, "04", "2"))
    client = replace(message.client, bsn=LATE_BSN, allocations=(allocation,), relations=())
    return replace(message, header=replace(message.header, message_id=MessageId("301-1007-1", date(2026, 10, 7))),
                   client=client)


def jw323_with_mistakes() -> Jw323:
    """The README's level-2 example: a BSN that fails the eleven-test (CS002) and a total that is
    not the sum of the lines (TR358)."""
    message = jw323()
    client = replace(message.declaration.clients[0], bsn="123456789")
    return replace(message, declaration=replace(message.declaration, clients=(client,), total=Amount(50000)))


DEMO_INVALID = {"JW323_with_mistakes": jw323_with_mistakes}
DEMO = {"JW301": jw301, "JW305": jw305, "JW323": jw323, "JW323_correction": jw323_correction,
        "late/JW323": late_jw323, "late/JW301": late_jw301}
