"""A client's particulars are recorded when given, and only when they change."""

from functools import reduce

from services.allocation.domain import client
from services.allocation.domain.events import CLIENT_DETAILS_RECORDED

from .given import CLIENT, ZWOLLE

JANSEN = {"surname": "Jansen", "birth_date": "2014-03-12", "gender": "2"}


def test_particulars_given_for_the_first_time_are_recorded():
    [event] = client.decide_record_details(ZWOLLE, CLIENT, JANSEN, client.Client())
    assert (event.type, event.tenant, event.payload["details"]) == (CLIENT_DETAILS_RECORDED, ZWOLLE, JANSEN)


def test_the_same_particulars_again_record_nothing():
    known = reduce(client.evolve, client.decide_record_details(ZWOLLE, CLIENT, JANSEN, client.Client()),
                   client.Client())
    assert client.decide_record_details(ZWOLLE, CLIENT, dict(JANSEN), known) == []


def test_changed_particulars_are_recorded_and_become_the_known_ones():
    moved = {**JANSEN, "surname": "de Vries"}
    known = reduce(client.evolve, client.decide_record_details(ZWOLLE, CLIENT, JANSEN, client.Client()),
                   client.Client())
    decided = client.decide_record_details(ZWOLLE, CLIENT, moved, known)
    assert reduce(client.evolve, decided, known).details == moved
