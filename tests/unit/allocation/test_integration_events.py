"""The integration events keep the payload invoicing and payments read (shared/exchange/allocation.py)."""

from datetime import UTC, date, datetime

from services.allocation.domain.integration import allocation_published, delivery_reported
from services.allocation.domain.allocation import version_payload
from services.allocation.domain.events import AllocationExtended, DeliveryStopped
from shared.events.envelope import Envelope, NewEvent
from shared.events.registry import EventRegistry
from shared.exchange.allocation import CLASSES

from .given import AMBULANT, CLIENT, PROVIDER, ZWOLLE, issued, version


def _as_sent(event: object) -> Envelope:
    return Envelope.from_json(Envelope.of("k", 1, NewEvent.of(event, datetime(2026, 4, 1, tzinfo=UTC))).to_json())


def test_an_allocation_is_published_as_its_version_without_the_comment_with_deleted_and_change():
    effective = version(comment="belt 's ochtends", change_reason="04")
    published = allocation_published(AllocationExtended(**vars(issued().event)), effective)
    sent = _as_sent(published)
    expected = {k: v for k, v in version_payload(effective).items() if k != "comment"}
    assert sent.payload == {**expected, "deleted": False, "change": "extended"}
    assert EventRegistry.of(CLASSES).decode(sent) == published


def test_a_stop_is_reported_with_its_end_reason_and_lateness():
    stop = DeliveryStopped(ZWOLLE, 300201, CLIENT, PROVIDER, AMBULANT, date(2026, 4, 1), date(2026, 5, 20),
                           end=date(2026, 5, 15), reason="02", temporary=False, due=date(2026, 5, 22), late=True)
    sent = _as_sent(delivery_reported(stop))
    assert sent.payload == {
        "municipality": ZWOLLE, "allocation_number": 300201, "client_bsn": CLIENT, "provider_agb": PROVIDER,
        "product": {"category": "45", "code": "45A03"}, "begin": "2026-04-01", "kind": "stopped",
        "end": "2026-05-15", "reason": "02", "late": True}
    assert isinstance(EventRegistry.of(CLASSES).decode(sent).begin, date)
