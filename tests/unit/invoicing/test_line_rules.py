"""One test per line rule of ijw-3.2.md §12.4, named after its retourcode."""

from datetime import date, time

from services.invoicing.domain.declaration import Period, Unit
from services.invoicing.domain.matcher import rematch_line
from services.invoicing.domain.policy import MatchPolicy, Status
from tests.unit.invoicing.builders import (APRIL, JULY, allocation, codes, context, declaration,
                                           line, match, version)

AUGUST_5 = date(2026, 8, 5)


def test_line_matching_the_allocation_is_approved_in_full():
    outcome = match().lines[0]
    assert (outcome.status, outcome.codes) == (Status.APPROVED, ())


def test_line_without_allocation_gets_9338():
    assert codes(declaration(line(allocation_number=999))) == ("9338",)


def test_line_on_another_providers_allocation_gets_9338():
    other = allocation()
    other = type(other)(other.number, other.gemeente, "99999999", other.bsn, other.versions)
    assert codes(ctx=context(other)) == ("9338",)


def test_line_on_deleted_allocation_gets_9384_not_9338():
    deleted = allocation(version(end=date(2026, 4, 1), reason="13", decided_at=time(13)), version())
    assert codes(ctx=context(deleted)) == ("9384",)


def test_line_with_other_category_gets_9339():
    assert "9339" in codes(declaration(line(category="45", code="45A03")))


def test_line_with_other_code_gets_9340():
    assert codes(declaration(line(code="55A12"))) == ("9340", "0611")


def test_code_outside_its_category_gets_s329():
    generic = allocation(version(category=None, code=None, extent=None, budget=10_000_000))
    assert codes(declaration(line(category="55", code="45A03")), context(generic)) == ("S329", "0611")


def test_line_in_other_unit_gets_9341():
    assert "9341" in codes(declaration(line(unit=Unit.DAY_PART)))


def test_minutes_against_hour_allocation_pass_9341():
    minutes = line(volume=480, unit=Unit.MINUTE, tariff=125, amount=60000)
    assert codes(declaration(minutes)) == ()


def test_line_outside_allocation_period_gets_9307():
    later = allocation(version(start=date(2026, 5, 1)))
    # Nothing is allocated for a month outside the allocation, so TR321 fails as well.
    assert codes(ctx=context(later)) == ("9307", "9321")


def test_line_starting_before_mid_month_ingangsdatum_gets_9307_and_9387():
    mid = allocation(version(start=date(2026, 4, 15)))
    within_cap = line(volume=6, amount=45000)  # 15–30 April touches ISO weeks 16–18: 6 h
    assert codes(declaration(within_cap), context(mid)) == ("9307", "9387")


def test_line_not_starting_on_the_first_gets_9387():
    late = line(period=Period(date(2026, 4, 2), APRIL.end))
    assert codes(declaration(late)) == ("9387",)


def test_line_not_ending_on_the_last_day_gets_9388():
    early = line(period=Period(APRIL.begin, date(2026, 4, 29)))
    assert codes(declaration(early)) == ("9388",)


def test_july_line_past_allocation_end_gets_9308_and_9388():
    july = line(period=JULY, volume=6, amount=45000)
    decl = declaration(july, period=JULY, dated=AUGUST_5)
    assert codes(decl, context(received_on=AUGUST_5)) == ("9308", "9388")


def test_line_after_declaration_period_gets_9319():
    may = line(period=Period(date(2026, 5, 1), date(2026, 5, 31)))
    decl = declaration(may, period=APRIL, dated=date(2026, 6, 3))
    assert codes(decl, context(received_on=date(2026, 6, 3))) == ("9319",)


def test_line_on_budget_allocation_in_a_unit_the_contract_does_not_price_gets_9341():
    budgeted = allocation(version(code=None, extent=None, budget=1_000_000))
    assert codes(declaration(line(unit=Unit.DAY_PART)), context(budgeted)) == ("9341", "0611")


def test_held_line_is_approved_when_rematched_after_its_allocation_arrived():
    decl = declaration()
    assert match(decl, context(allocation(number=1))).lines[0].codes == ("9338",)
    client = decl.clients[0]
    outcome = rematch_line(decl, client.bsn, client.lines[0], context(), MatchPolicy.default())
    assert outcome.status is Status.APPROVED
