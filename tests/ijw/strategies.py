"""Hypothesis strategies for valid JW301, JW323 and JW325 models (level 1 and level 2)."""

from __future__ import annotations

from datetime import date, time, timedelta

from hypothesis import strategies as st
from stdnum.nl import bsn as bsn_number

from shared.ijw.model.allocation import Address, Allocation, AllocationClient, Contact, House, Jw301
from shared.ijw.model.basis import Amount, BirthDate, Extent, FullName, Header, MessageId, Period, Product, Surname, XsdVersion
from shared.ijw.model.declaration import (
    AnswerHeader, Declaration, DeclarationAnswer, DeclarationClient, DeclarationLine, Jw323, Jw325,
)
from shared.ijw.rules.common import last_day

CATEGORIES = [str(c) for c in (*range(31, 39), *range(40, 56))]
UNITS = ["01", "04", "14", "16", "82", "83", "84"]
words = st.text(alphabet="abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", min_size=1, max_size=12)
bsns = st.integers(10_000_000, 99_999_999).map(
    lambda prefix: next((f"{prefix}{d}" for d in range(10) if bsn_number.is_valid(f"{prefix}{d}")), "")
).filter(bool)
agbs = st.from_regex(r"\A[0-9]{8}\Z")
gemeenten = st.from_regex(r"\A[0-9]{4}\Z")
months = st.dates(date(2021, 1, 1), date(2029, 12, 1)).map(lambda d: d.replace(day=1))


def header(sender, receiver, day: date) -> st.SearchStrategy[Header]:
    return st.builds(Header, sender, receiver, st.builds(MessageId, words, st.just(day)), st.just(XsdVersion("1.0.0", "1.0.0")))


@st.composite
def prestaties(draw, month: date, n: int) -> DeclarationLine:
    start = draw(st.dates(month, last_day(month)))
    end = draw(st.dates(start, last_day(month)))
    unit = draw(st.sampled_from(UNITS))
    volume = draw(st.integers(0, 5_000))
    tariff = None if unit == "83" else draw(st.integers(0, 19_999))
    cents = volume if unit == "83" else volume * tariff  # CS339 / TR346
    # One allocation per line keeps debets distinct (TR416) and references unique (TR101).
    return DeclarationLine(f"R{n}", 300_000 + n, draw(st.sampled_from(CATEGORIES)),
                           draw(words.map(lambda w: w[:5])), Period(start, end), volume, unit, Amount(cents),
                           tariff=tariff)


@st.composite
def jw323s(draw) -> Jw323:
    month = draw(months)
    day = last_day(month) + timedelta(days=draw(st.integers(1, 60)))
    clients, n = [], 0
    for number in draw(st.lists(bsns, min_size=1, max_size=3, unique=True)):
        count = draw(st.integers(1, 3))
        clients.append(DeclarationClient(number, tuple(draw(prestaties(month, n + i)) for i in range(count))))
        n += count
    total = Amount.from_signed(sum(line.amount.signed for c in clients for line in c.lines))
    declaration = Declaration(draw(words), Period(month, last_day(month)), day, total, tuple(clients))
    return Jw323(draw(header(agbs, gemeenten, day)), declaration)


@st.composite
def jw325s(draw) -> Jw325:
    declared = draw(jw323s())
    rejected = [c for c in declared.declaration.clients if draw(st.booleans())]
    returned = tuple(DeclarationClient(c.bsn, tuple(line.__class__(**{**_fields(line), "codes": ("9338",)}) for line in c.lines),
                                       ("0200",)) for c in rejected)
    submitted = declared.declaration.total
    granted = Amount.from_signed(submitted.signed - sum(l.amount.signed for c in returned for l in c.lines))  # TR342
    day = declared.declaration.date + timedelta(days=draw(st.integers(0, 14)))
    head = AnswerHeader(draw(header(gemeenten, agbs, day)), declared.header.message_id, declared.header.xsd_version, ("0200",))
    answer = DeclarationAnswer(declared.declaration.number, submitted, granted, ("0200",) if returned else ("8001",), returned)
    return Jw325(head, answer)


def _fields(line: DeclarationLine) -> dict:
    return {name: getattr(line, name) for name in line.__dataclass_fields__}


@st.composite
def allocations(draw, number: int, after: date = date(2021, 1, 1)) -> Allocation:
    start = draw(st.dates(after, after + timedelta(days=400)))
    end = start + timedelta(days=draw(st.integers(0, 720)))
    shape = draw(st.sampled_from(["specific", "aspecific", "generic"]))
    product = {"specific": Product(draw(st.sampled_from(CATEGORIES)), draw(words.map(lambda w: w[:5]))),
               "aspecific": Product(draw(st.sampled_from(CATEGORIES))), "generic": None}[shape]
    unit = draw(st.sampled_from(UNITS))
    frequency = draw(st.sampled_from(["2", "4", "6"] if unit in {"14", "16", "83", "84"} else ["1", "2", "4", "6"]))
    extent = Extent(draw(st.integers(0, 99_999_999)), unit, frequency) if shape == "specific" else None
    budget = draw(st.integers(0, 99_999_999)) if shape == "generic" else None
    return Allocation(number, start - timedelta(days=3), time(9, 30), start, end, product=product, extent=extent,
                      budget=budget)


@st.composite
def jw301s(draw) -> Jw301:
    numbers = draw(st.lists(st.integers(0, 999_999_999), min_size=1, max_size=3, unique=True))
    name = FullName(Surname(draw(words), draw(st.none() | words.map(lambda w: w[:10]))), "1", first_names=draw(st.none() | words))
    granted: list[Allocation] = []
    for n in numbers:  # one after the other: the same product may not overlap itself (TR302)
        granted.append(draw(allocations(n, granted[-1].end + timedelta(days=1) if granted else date(2021, 1, 1))))
    home = Contact("01", Address(House(draw(st.integers(1, 999))), "1011AB", country="NL"))  # CD034, TR006
    client = AllocationClient(draw(bsns), BirthDate(draw(st.dates(date(2000, 1, 1), date(2020, 12, 31)))),
                              draw(st.sampled_from("012")), name, (home,), tuple(granted))
    sent = max(a.decision_date for a in granted) + timedelta(days=draw(st.integers(0, 30)))  # TR134
    return Jw301(draw(header(gemeenten, agbs, sent)), client)
