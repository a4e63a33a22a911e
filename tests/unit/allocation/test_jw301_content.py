"""OP087: a JW301 holds every current allocation of the client at the provider."""

from datetime import date, datetime, time

from services.allocation.domain.jw301_content import jw301_allocations

from .given import CLIENT, DEVENTER, OTHER_CLIENT, OTHER_PROVIDER, PROVIDER, ZWOLLE, version

TODAY = date(2026, 5, 1)


def test_op087_a_jw301_holds_all_current_allocations_of_the_client_at_the_provider():
    a, b = version(number=2), version(number=1, end=None)
    assert jw301_allocations([a, b], ZWOLLE, CLIENT, PROVIDER, TODAY) == (b, a)


def test_op087_other_clients_providers_and_municipalities_are_left_out():
    others = [version(client_bsn=OTHER_CLIENT), version(provider_agb=OTHER_PROVIDER),
              version(municipality=DEVENTER)]
    assert jw301_allocations(others, ZWOLLE, CLIENT, PROVIDER, TODAY) == ()


def test_op087_an_allocation_that_ended_before_the_message_date_is_left_out():
    ended = version(end=date(2026, 4, 30))
    assert jw301_allocations([ended], ZWOLLE, CLIENT, PROVIDER, TODAY) == ()


def test_op087_an_allocation_changed_since_the_previous_jw301_is_included_even_when_ended():
    revoked = version(end=date(2026, 4, 15), change_reason="07", allocated_on=date(2026, 4, 20))
    previous = datetime(2026, 4, 1, 12, 0)
    assert jw301_allocations([revoked], ZWOLLE, CLIENT, PROVIDER, TODAY, previous) == (revoked,)


def test_op087_a_deleted_allocation_is_announced_once_and_then_left_out():
    deleted = version(end=date(2026, 4, 1), change_reason="13", allocated_at=time(13, 0))
    announced_before = datetime(2026, 4, 1, 12, 0)
    announced_after = datetime(2026, 4, 2, 9, 0)
    assert jw301_allocations([deleted], ZWOLLE, CLIENT, PROVIDER, TODAY, announced_before) == (deleted,)
    assert jw301_allocations([deleted], ZWOLLE, CLIENT, PROVIDER, TODAY, announced_after) == ()
