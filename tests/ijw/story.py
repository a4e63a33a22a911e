"""One consistent case, used for the golden examples and as the base the rule tests mutate.

Gemeente 0384 allocates 55/55A11 (2 uur per week, April to mid July 2026) to aanbieder 42420001
for client 999900006 after a VOT; the provider starts, asks for a change, declares April and gets
everything approved; the care stops on the allocation's end date.
"""

from __future__ import annotations

from datetime import date, time

from shared.ijw.model.allocation import (
    Address, Allocation, AllocationClient, Communication, Contact, House, Jw301, Jw302, Phone, PhoneNumber, Relation,
)
from shared.ijw.model.basis import (
    Amount, BirthDate, Extent, FullName, Header, MessageId, Period, Person, Product, ReturnHeader, ShortName,
    Surname, XsdVersion,
)
from shared.ijw.model.declaration import (
    AnswerHeader, Declaration, DeclarationAnswer, DeclarationClient, DeclarationLine, Jw323, Jw325,
)
from shared.ijw.model.delivery import Jw305, Jw306, Jw307, Jw308, StartClient, StartedProduct, StopClient, StoppedProduct
from shared.ijw.model.request import (
    Answer, ChangeRequest, ChangeRequestClient, Jw315, Jw316, Jw317, Jw318, Jw319, Jw320, NewProduct, Referrer,
    RequestClient, RequestedProduct, UnchangedProduct,
)

GEMEENTE, AGB, BSN = "0384", "42420001", "999900006"
XSD = XsdVersion("1.0.0", "1.0.0")
APRIL = Period(date(2026, 4, 1), date(2026, 4, 30))
PRODUCT = Product("55", "55A11")
PERSON = Person(BSN, BirthDate(date(2014, 3, 12)), "2", ShortName(Surname("Jansen", "de"), "Eva", "E"))


def header(code: str, day: date, from_gemeente: bool) -> Header:
    sender, receiver = (GEMEENTE, AGB) if from_gemeente else (AGB, GEMEENTE)
    return Header(sender, receiver, MessageId(f"{code}-{day:%m%d}-1", day), XSD)


def receipt(original: Header, code: str, day: date) -> ReturnHeader:
    return ReturnHeader(original, f"R{code}-{day:%m%d}", day, XSD)


def jw315() -> Jw315:
    product = RequestedProduct(
        reference="VOT-2026-0001", start=date(2026, 4, 1), end=date(2026, 7, 14), product=PRODUCT,
        extent=Extent(2, "04", "2"), referrer=Referrer("02", name="Huisartsenpraktijk Dorp"))
    return Jw315(header("315", date(2026, 3, 16), False), RequestClient(PERSON, (product,)))


def jw316() -> Jw316:
    return Jw316(receipt(jw315().header, "316", date(2026, 3, 17)))


def jw319() -> Jw319:
    return Jw319(header("319", date(2026, 3, 20), True), Answer("VOT-2026-0001", "2"))


def jw320() -> Jw320:
    return Jw320(receipt(jw319().header, "320", date(2026, 3, 23)))


def allocation() -> Allocation:
    return Allocation(
        number=300201, provider_reference="VOT-2026-0001", product=PRODUCT, decision_date=date(2026, 3, 30),
        decision_time=time(12, 34, 56), start=date(2026, 4, 1), end=date(2026, 7, 14), extent=Extent(2, "04", "2"))


def jw301() -> Jw301:
    contact = Contact("01", Address(House(12, "a"), "1011AB", "Dorpsstraat", "Amsterdam", "NL"),
                      phone=Phone(PhoneNumber("0201234567", "0031")))
    mother = Relation("R1", "10", FullName(Surname("Jansen"), "1", first_names="Anna"),
                      Contact("02", phone=Phone(PhoneNumber("0612345678", "0031")), email="a.jansen@example.nl"),
                      order=1, gender="2")  # Soort 10: ouder (COD472)
    client = AllocationClient(
        bsn=BSN, birth_date=PERSON.birth_date, gender="2",
        name=FullName(Surname("Jansen", "de"), "1", first_names="Eva", initials="E"),
        communication=Communication("1", "nl"), contacts=(contact,), allocations=(allocation(),), relations=(mother,))
    return Jw301(header("301", date(2026, 3, 30), True), client)


def jw302() -> Jw302:
    return Jw302(receipt(jw301().header, "302", date(2026, 3, 31)))


def jw305() -> Jw305:
    started = StartedProduct(date(2026, 4, 3), "1", 300201, PRODUCT, date(2026, 4, 1))
    return Jw305(header("305", date(2026, 4, 7), False), StartClient(PERSON, (started,)))


def jw306() -> Jw306:
    return Jw306(receipt(jw305().header, "306", date(2026, 4, 8)))


def jw307() -> Jw307:
    stopped = StoppedProduct(date(2026, 4, 3), date(2026, 7, 14), "31", "1", 300201, PRODUCT, date(2026, 4, 1))
    return Jw307(header("307", date(2026, 7, 16), False), StopClient(PERSON, (stopped,)))


def jw308() -> Jw308:
    return Jw308(receipt(jw307().header, "308", date(2026, 7, 17)))


def jw317() -> Jw317:
    request = ChangeRequest(
        "VOW-2026-0001", "1", unchanged=(UnchangedProduct(300201),),
        new=(NewProduct(date(2026, 6, 1), Product("55", "55A12"), date(2026, 7, 14), Extent(2, "16", "2")),))
    return Jw317(header("317", date(2026, 5, 18), False), ChangeRequestClient(BSN, request))


def jw318() -> Jw318:
    return Jw318(receipt(jw317().header, "318", date(2026, 5, 19)))


def line(**changes) -> DeclarationLine:
    base = dict(reference="R100", allocation_number=300201, category="55", product_code="55A11", period=APRIL,
                volume=8, unit="04", tariff=7500, amount=Amount(60000))
    return DeclarationLine(**{**base, **changes})


def jw323(*lines: DeclarationLine, total: Amount | None = None, period: Period = APRIL,
          day: date = date(2026, 5, 6), number: str = "DN20260401") -> Jw323:
    lines = lines or (line(),)
    total = total or Amount.from_signed(sum(x.amount.signed for x in lines))
    declaration = Declaration(number, period, day, total, (DeclarationClient(BSN, tuple(lines)),))
    return Jw323(Header(AGB, GEMEENTE, MessageId(f"323-{day:%m%d}-1", day), XSD), declaration)


def jw325() -> Jw325:
    declared = jw323()
    answer_header = AnswerHeader(header("325", date(2026, 5, 13), True), declared.header.message_id, XSD, ("0200",))
    total = declared.declaration.total
    return Jw325(answer_header, DeclarationAnswer(declared.declaration.number, total, total, ("8001",)))


def jw323_correction() -> Jw323:
    """Only 7 hours were delivered in April: credit R100 and declare again (§12.7)."""
    credit = line(reference="R101", previous_reference="R100", amount=Amount(60000, credit=True))
    debet = line(reference="R102", volume=7, amount=Amount(52500))
    may = line(reference="R103", period=Period(date(2026, 5, 1), date(2026, 5, 31)), volume=10, amount=Amount(75000))
    return jw323(credit, debet, may, period=Period(date(2026, 5, 1), date(2026, 5, 31)), day=date(2026, 6, 3),
                 number="DN20260501")


GOLDEN = {
    "JW315": jw315, "JW316": jw316, "JW319": jw319, "JW320": jw320, "JW301": jw301, "JW302": jw302,
    "JW305": jw305, "JW306": jw306, "JW317": jw317, "JW318": jw318, "JW323": jw323, "JW325": jw325,
    "JW307": jw307, "JW308": jw308, "JW323_correction": jw323_correction,
}
