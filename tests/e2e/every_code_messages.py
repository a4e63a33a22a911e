"""The messages of the every-code scenario: Zwolle's JW301s and provider 98000001's JW323s, built
with the codec's models and consistent with the demo region (ijsselland.toml: 45A01 at 7850 per
hour, 45A03 at 131 per minute, 41A01 at 6900 per dagdeel, 40A01 at 6200 per hour, all in 2026).

Every line of the main May declaration sits on an allocation of its own (only ROK4 and R9322
share one, on purpose), so one line's approval never moves the volume, budget or duplicate-claim
totals another line is checked against. `MAY_CASES` says, per line, which codes the standard gives
it (ijw-3.2.md §11.3, §12; design.md §5: a line gets every code whose rule it fails); an empty
tuple is a correct line.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time

from shared.ijw.model.allocation import Allocation, AllocationClient, Contact, Jw301
from shared.ijw.model.basis import (
    Amount, BirthDate, Extent, FullName, Header, MessageId, Period, Product, Surname, XsdVersion,
)
from shared.ijw.model.declaration import Declaration, DeclarationClient, DeclarationLine, Jw323

ZWOLLE, PROVIDER = "0193", "98000001"
CLIENT_A, CLIENT_B, CLIENT_C = "999900006", "999900018", "999900031"  # all pass the eleven-test
XSD = XsdVersion("1.0.0", "1.0.0")

APRIL = Period(date(2026, 4, 1), date(2026, 4, 30))
MAY = Period(date(2026, 5, 1), date(2026, 5, 31))
YEAR_START, YEAR_END = date(2026, 1, 1), date(2026, 12, 31)
MAIN_DATE = date(2026, 6, 3)
"""The day the main declaration is signed and sent; the system's clock stands on it."""

HOURS = Extent(10, "04", "4")  # 10 uur per maand
HOUR_TARIFF = 7850  # 45A01


# --- allocations (JW301) -------------------------------------------------------------------

def specific(number: int, start: date = YEAR_START, end: date | None = YEAR_END,
             product: Product = Product("45", "45A01"), extent: Extent = HOURS) -> Allocation:
    return Allocation(number, date(2026, 3, 20), time(9, 0), start, end, product=product, extent=extent)


def aspecific(number: int, budget: int | None = None) -> Allocation:
    """Category 45 only: the contract decides code and unit (OP267)."""
    return Allocation(number, date(2026, 3, 20), time(9, 0), YEAR_START, YEAR_END, product=Product("45"),
                      budget=budget)


def deletion(number: int) -> Allocation:
    """A later version of `specific(number)` with RedenWijziging 13 (CS335: Einddatum = Ingangsdatum)."""
    return Allocation(number, date(2026, 4, 15), time(11, 0), YEAR_START, YEAR_START,
                      product=Product("45", "45A01"), change_reason="13", extent=HOURS)


def jw301(identification: str, bsn: str, allocations: tuple[Allocation, ...]) -> Jw301:
    client = AllocationClient(bsn, BirthDate(date(2014, 3, 12)), "1", FullName(Surname("Visser"), "1"),
                              (Contact("01"),), allocations)
    return Jw301(Header(ZWOLLE, PROVIDER, MessageId(identification, date(2026, 3, 20)), XSD), client)


# --- declarations (JW323) ------------------------------------------------------------------

def line(reference: str, allocation: int, *, period: Period = MAY, volume: int = 8, unit: str = "04",
         tariff: int | None = HOUR_TARIFF, amount: int | None = None, category: str = "45",
         code: str = "45A01", credits: str | None = None) -> DeclarationLine:
    cents = volume * (tariff or 1) if amount is None else amount
    return DeclarationLine(reference, allocation, category, code, period, volume, unit,
                           Amount(cents, credits is not None), credits, tariff)


def jw323(identification: str, number: str, period: Period, dated: date,
          clients: dict[str, tuple[DeclarationLine, ...]], total: int | None = None) -> Jw323:
    signed = sum(ln.amount.signed for lines in clients.values() for ln in lines)
    declaration = Declaration(number, period, dated, Amount.from_signed(signed if total is None else total),
                              tuple(DeclarationClient(bsn, lines) for bsn, lines in clients.items()))
    return Jw323(Header(PROVIDER, ZWOLLE, MessageId(identification, dated), XSD), declaration)


@dataclass(frozen=True)
class Case:
    bsn: str
    line: DeclarationLine
    codes: tuple[str, ...]
    """What the JW325 must say about the line; () = approved, not listed."""


A, B = CLIENT_A, CLIENT_B
NO_ALLOCATION = 499999
"""A ToewijzingNummer Zwolle never sent."""

# What Zwolle allocated before anything was declared (client A: one allocation per case).
ALLOCATIONS_A = (
    specific(400101), specific(400102), specific(400103), aspecific(400104), specific(400105),
    aspecific(400106), specific(400107, product=Product("40", "40A01"), extent=Extent(20, "16", "4")),
    specific(400108, start=date(2026, 5, 11)), specific(400109, end=date(2026, 5, 20)),
    specific(400110), specific(400111), specific(400112, end=date(2026, 6, 2)), specific(400113),
    specific(400114), specific(400115), specific(400116, start=APRIL.start, end=MAY.end,
                                                  extent=Extent(10, "04", "6")),
    aspecific(400117, budget=50000), specific(400118), specific(400119), specific(400120),
    specific(400121), specific(400122),
)
ALLOCATIONS_B = (specific(400201, product=Product("41", "41A01"), extent=Extent(20, "16", "4")),)


def earlier_april() -> Jw323:
    """Approved in full before May is declared: the debets the May lines duplicate or credit."""
    lines = (line("RP1", 400113, period=APRIL, volume=4), line("RP2", 400122, period=APRIL, volume=4),
             line("RP3", 400121, period=APRIL, volume=4))
    return jw323("DCL-0506-1", "D2604", APRIL, date(2026, 5, 6), {A: lines})


def april_credit() -> Jw323:
    """RP3 credited (approved), so crediting it once more is 9390."""
    credit = line("RP3C", 400121, period=APRIL, volume=4, credits="RP3")
    return jw323("DCL-0520-1", "D2604C", APRIL, date(2026, 5, 20), {A: (credit,)})


MAY_CASES = (
    Case(A, line("ROK1", 400101), ()),
    Case(A, line("ROK2", 400102, volume=95, unit="01", tariff=131, amount=12429), ()),  # IV081 minutes
    Case(A, line("ROK4", 400116, period=APRIL, volume=6), ()),  # late care, declared in May
    Case(A, line("R9338", NO_ALLOCATION), ("9338",)),
    Case(A, line("R9384", 400103), ("9384",)),
    # On an aspecific allocation of category 45 only the category is compared (TR339) ...
    Case(A, line("R9339", 400104, category="40", code="40A01", tariff=6200), ("9339",)),
    Case(A, line("R9340", 400105, code="45A03", volume=480, unit="01", tariff=131), ("9340",)),
    # ... and 41A01 is no product of category 45 in the code list (TR381).
    Case(A, line("RS329", 400106, code="41A01", volume=10, unit="16", tariff=6900), ("S329",)),
    # Allocated in dagdelen, declared in hours at the contract's hour tariff (TR341).
    Case(A, line("R9341", 400107, category="40", code="40A01", tariff=6200), ("9341",)),
    Case(A, line("R9307", 400108), ("9307", "9387")),  # allocation from 11 May: both (design.md §5)
    Case(A, line("R9308", 400109), ("9308", "9388")),  # allocation until 20 May: both
    Case(A, line("R9387", 400110, period=Period(date(2026, 5, 2), MAY.end)), ("9387",)),
    Case(A, line("R9388", 400111, period=Period(MAY.start, date(2026, 5, 30))), ("9388",)),
    # June 1-2 is the allocation's last month, cut to its end (TR388 holds), but after May (TR319).
    Case(A, line("R9319", 400112, period=Period(date(2026, 6, 1), date(2026, 6, 2)), volume=2), ("9319",)),
    Case(A, line("R9389", 400113, period=APRIL, volume=4), ("9389",)),  # RP1, approved, not credited
    Case(A, line("RP2", 400114), ("8021",)),  # RP2 was used in April
    Case(A, line("R9321", 400115, volume=11), ("9321",)),
    Case(A, line("R9322", 400116, volume=6), ("9322",)),  # 10 h in total (Frequentie 6): with ROK4, 12 h
    Case(A, line("R9369", 400117), ("9369",)),  # 62800 on a budget of 50000
    Case(A, line("R0611", 400118, tariff=8000), ("0611",)),
    Case(A, line("R9346", 400119, amount=63000), ("9346",)),
    Case(A, line("R8017", 400120, credits="RNOOIT"), ("8017",)),  # credits a debet never sent
    Case(A, line("R9390", 400121, period=APRIL, volume=4, credits="RP3"), ("9390",)),  # RP3C credited it
    Case(B, line("ROK3", 400201, category="41", code="41A01", volume=10, unit="16", tariff=6900), ()),
)


def may_declaration() -> Jw323:
    clients: dict[str, tuple[DeclarationLine, ...]] = {}
    for case in MAY_CASES:
        clients[case.bsn] = (*clients.get(case.bsn, ()), case.line)
    return jw323("DCL-0603-1", "D2605", MAY, MAIN_DATE, clients)


def small(identification: str, number: str, reference: str, period: Period = MAY, dated: date = MAIN_DATE,
          total: int | None = None, allocation: int = 400101) -> Jw323:
    """One correct line of 8 hours for client A: the header and declaration cases."""
    return jw323(identification, number, period, dated, {A: (line(reference, allocation, period=period),)}, total)
