"""OP080: the result never depends on the order in which allocation versions, allocations, prior
lines or tariffs arrived. Property tests over generated worlds."""

from dataclasses import replace
from datetime import date, time

from hypothesis import given, settings
from hypothesis import strategies as st

from services.invoicing.domain.allocation import Extent, Frequency
from services.invoicing.domain.answer import build_answer
from services.invoicing.domain.contract import ContractView, Tariff
from services.invoicing.domain.deadline import lines_to_auto_reject
from services.invoicing.domain.declaration import Unit
from services.invoicing.domain.history import History, PriorLine
from tests.unit.invoicing.builders import (MAY, allocation, context, credit_of, declaration, line, match,
                                           version)

JUNE_3 = date(2026, 6, 3)
versions = st.builds(
    version,
    decided_on=st.dates(date(2026, 3, 1), date(2026, 3, 4)),
    decided_at=st.sampled_from([time(9), time(12)]),
    start=st.dates(date(2026, 3, 1), date(2026, 5, 20)),
    end=st.one_of(st.none(), st.dates(date(2026, 5, 10), date(2026, 9, 30))),
    reason=st.sampled_from([None, None, "13"]),
    extent=st.builds(Extent, st.integers(1, 12), st.just(Unit.HOUR), st.sampled_from(list(Frequency))),
)
APRIL = replace(MAY, begin=date(2026, 4, 1), end=date(2026, 4, 30))


def prior_line(n: int, volume: int, credited: bool) -> PriorLine:
    earlier = line(f"P{n}", period=MAY if n % 2 else APRIL, volume=volume, amount=volume * 7500,
                   code="55A11" if n < 2 else "55A12")
    return PriorLine(earlier, credited)


prior = st.builds(prior_line, st.integers(0, 3), st.integers(1, 6), st.booleans())
debits = st.lists(st.tuples(st.integers(1, 14), st.sampled_from(["55A11", "55A12"]), st.booleans()),
                  min_size=1, max_size=2, unique_by=lambda d: d[1])  # TR416: one debet per product
TARIFFS = tuple(Tariff(code, Unit.HOUR, 7500, date(2026, 1, 1)) for code in ("55A11", "55A12"))


def world(version_list, prior_lines, lines, with_credit=False):
    decl_lines = tuple(line(f"N{i}", period=MAY, volume=v, amount=v * 7500 + bad, code=code)
                       for i, (v, code, bad) in enumerate(lines))
    creditable = [p.line for p in prior_lines if p.line.reference == "P1"]
    if with_credit and creditable:
        decl_lines += (credit_of(creditable[0], "C1"),)  # listed last, processed first (OP366)
    decl = declaration(*decl_lines, period=MAY, dated=JUNE_3)
    ctx = context(allocation(*version_list), allocation(version(), number=7),
                  history=History.of(tuple(prior_lines)), tariffs=TARIFFS, received_on=JUNE_3)
    return decl, ctx


@settings(max_examples=150, deadline=None, derandomize=True)
@given(st.lists(versions, min_size=1, max_size=4),
       st.lists(prior, max_size=3, unique_by=lambda p: p.line.reference), debits, st.booleans(),
       st.randoms())
def test_result_does_not_depend_on_arrival_order(version_list, prior_lines, lines, with_credit, rnd):
    decl, ctx = world(version_list, prior_lines, lines, with_credit)
    shuffled_versions, shuffled_prior = list(version_list), list(prior_lines)
    rnd.shuffle(shuffled_versions)
    rnd.shuffle(shuffled_prior)
    decl2, ctx2 = world(shuffled_versions, shuffled_prior, lines, with_credit)
    reversed_tariffs = ContractView(tuple(reversed(ctx2.contract.tariffs)), ctx2.contract.catalogue)
    reversed_allocations = dict(reversed(list(ctx2.allocations.items())))
    ctx2 = replace(ctx2, allocations=reversed_allocations, contract=reversed_tariffs)
    assert match(decl, ctx) == match(decl2, ctx2)


@settings(max_examples=100, deadline=None, derandomize=True)
@given(st.lists(versions, min_size=1, max_size=3), debits)
def test_answer_totals_obey_tr342_once_held_lines_are_rejected(version_list, lines):
    decl, ctx = world(version_list, (), lines)
    result = match(decl, ctx)
    final = result.with_lines(lines_to_auto_reject(result.lines, JUNE_3, date(2026, 7, 1), 0))
    body = build_answer(decl, final).declaration
    returned = sum(al.line.signed_amount for c in body.clients for al in c.lines)
    assert returned == body.submitted - body.granted
