"""JW305 start / JW307 stop per allocated product, with the retourcodes of the answer."""

from dataclasses import replace
from datetime import date, datetime
from functools import reduce

import pytest

from services.allocation.domain import allocation as agg
from services.allocation.domain import delivery as dlv
from services.allocation.domain.delivery import Delivery, stop_overdue
from services.allocation.domain.delivery_decisions import ReportStart, ReportStop, decide_start, decide_stop
from services.allocation.domain.errors import RuleViolation
from services.allocation.domain.events import (
    DELIVERY_START_WITHDRAWN, DELIVERY_STARTED, DELIVERY_STOP_WITHDRAWN, DELIVERY_STOPPED)

from .given import AMBULANT, CLIENT, OTHER_CLIENT, PROVIDER, ZWOLLE, issued, state_of, version

NOW = datetime(2026, 4, 8, 9, 0)
ALLOCATION = version()
START = ReportStart(ZWOLLE, 300201, CLIENT, PROVIDER, AMBULANT, date(2026, 4, 3), date(2026, 4, 8))
STOP = ReportStop(ZWOLLE, 300201, CLIENT, PROVIDER, AMBULANT, date(2026, 4, 3), date(2026, 5, 15), "31",
                  date(2026, 5, 18))
PAUSE = replace(STOP, end=date(2026, 4, 30), reason="20")


def given(*commands) -> Delivery:
    state = Delivery()
    for command in commands:
        decide = decide_start if isinstance(command, ReportStart) else decide_stop
        state = reduce(dlv.evolve, decide(command, state, NOW, ALLOCATION), state)
    return state


def refused(decide, command, state) -> tuple[str, str]:
    with pytest.raises(RuleViolation) as error:
        decide(command, state, NOW, ALLOCATION)
    return error.value.rule, error.value.code


def test_a_start_is_recorded_with_its_reporting_deadline():
    # Begindatum Friday 3 April 2026; Easter Monday does not count.
    [event] = decide_start(START, Delivery(), NOW, ALLOCATION)
    assert (event.type, event.payload["begin"], event.payload["due"], event.payload["late"]) == (
        DELIVERY_STARTED, "2026-04-03", "2026-04-13", False)


def test_tr019_a_start_must_relate_to_an_allocation():
    with pytest.raises(RuleViolation) as error:
        decide_start(START, Delivery(), NOW, None)
    assert (error.value.rule, error.value.code) == ("TR019", "9019")


def test_tr019_a_start_for_another_client_is_not_linkable():
    assert refused(decide_start, replace(START, client_bsn=OTHER_CLIENT), Delivery()) == ("TR019", "9019")


def test_tr326_no_second_start_while_the_first_is_not_stopped():
    assert refused(decide_start, replace(START, begin=date(2026, 4, 10)), given(START)) == ("TR326", "9326")


def test_tr326_a_restart_after_a_temporary_stop_is_allowed():
    events = decide_start(replace(START, begin=date(2026, 5, 4)), given(START, PAUSE), NOW, ALLOCATION)
    assert [e.type for e in events] == [DELIVERY_STARTED]


def test_tr074_the_same_start_key_twice_is_refused():
    assert refused(decide_start, START, given(START, PAUSE)) == ("TR074", "9074")


def test_tr063_withdrawing_a_start_that_was_never_sent_is_refused():
    assert refused(decide_start, replace(START, status="3"), Delivery()) == ("TR063", "9063")


def test_withdrawing_a_start_with_status_3_removes_it():
    [event] = decide_start(replace(START, status="3"), given(START), NOW, ALLOCATION)
    assert event.type == DELIVERY_START_WITHDRAWN


def test_tr071_a_stopped_start_cannot_be_withdrawn():
    assert refused(decide_start, replace(START, status="3"), given(START, STOP)) == ("TR071", "9071")


def test_a_definitive_stop_is_recorded():
    [event] = decide_stop(STOP, given(START), NOW, ALLOCATION)
    assert (event.type, event.payload["end"], event.payload["reason"], event.payload["temporary"]) == (
        DELIVERY_STOPPED, "2026-05-15", "31", False)


def test_tr382_a_stop_must_copy_the_key_of_a_start():
    assert refused(decide_stop, replace(STOP, begin=date(2026, 4, 4)), given(START)) == ("TR382", "9069")


def test_tr413_no_second_temporary_stop_after_a_temporary_stop():
    later_pause = replace(PAUSE, end=date(2026, 5, 10))
    assert refused(decide_stop, later_pause, given(START, PAUSE)) == ("TR413", "9413")


def test_tr414_a_definitive_stop_after_a_temporary_one_may_not_end_earlier():
    earlier = replace(STOP, end=date(2026, 4, 20))
    assert refused(decide_stop, earlier, given(START, PAUSE)) == ("TR414", "9414")


def test_tr414_a_definitive_stop_after_a_temporary_one_is_accepted():
    assert decide_stop(STOP, given(START, PAUSE), NOW, ALLOCATION)


def test_tr415_nothing_follows_a_definitive_stop():
    assert refused(decide_stop, replace(STOP, end=date(2026, 6, 1), reason="34"), given(START, STOP)) == (
        "TR415", "9415")


def test_withdrawing_a_stop_lets_the_provider_send_a_corrected_one():
    [event] = decide_stop(replace(STOP, status="3"), given(START, STOP), NOW, ALLOCATION)
    assert event.type == DELIVERY_STOP_WITHDRAWN
    corrected = replace(STOP, end=date(2026, 5, 20))
    assert decide_stop(corrected, reduce(dlv.evolve, [event], given(START, STOP)), NOW, ALLOCATION)


def test_a_stop_reported_after_five_working_days_is_marked_late():
    [event] = decide_stop(replace(STOP, received_on=date(2026, 5, 29)), given(START), NOW, ALLOCATION)
    assert (event.payload["due"], event.payload["late"]) == ("2026-05-22", True)


def test_op288_a_stop_is_overdue_when_the_allocation_ended_without_one():
    assert stop_overdue(given(START), ALLOCATION, date(2026, 7, 22))
    assert not stop_overdue(given(START, STOP), ALLOCATION, date(2026, 7, 22))


def test_op364_start_and_stop_never_change_the_allocation_that_matching_reads():
    allocation = state_of(issued())
    reported = [*decide_start(START, Delivery(), NOW, ALLOCATION),
                *decide_stop(STOP, given(START), NOW, ALLOCATION)]
    assert reduce(agg.evolve, reported, allocation) == allocation
