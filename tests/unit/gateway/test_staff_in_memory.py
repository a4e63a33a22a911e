"""Staff users, sessions and the region's sections, decided on the in-memory adapters."""

from __future__ import annotations

from services.gateway.handlers.parties import StaffSpec, register_staff, remove_staff
from services.gateway.handlers.staff import sign_in, sign_out
from services.gateway.region.loader import _publish
from shared.audit import Origin
from shared.auth.identity import SessionEnded, StaffIdentified, StaffRemoved
from shared.auth.principal import Role
from shared.events.envelope import Envelope
from shared.exchange.audit import AUDIT_TOPIC
from tests.unit.gateway.conftest import audited

PASSWORD, NEW_PASSWORD = "zeer-lang-wachtwoord-7261", "een-ander-lang-wachtwoord-3389"


async def published(store) -> list[str]:  # type: ignore[no-untyped-def]
    return [Envelope.from_json(row.value).type for row in await store.db.pending_outbox(100)
            if row.topic != AUDIT_TOPIC]


async def test_a_new_password_ends_the_open_sessions_everywhere(memory_gateway):
    gw, store = memory_gateway
    await register_staff(gw, StaffSpec("fin", (Role.FINANCE,), ("0384",), PASSWORD))
    signed_in = await sign_in(gw, "fin", PASSWORD, Origin())
    assert signed_in is not None and await gw.queries.sessions.open_of("fin", gw.clock.now()) == [
        signed_in.cookie.hashed]
    assert await register_staff(gw, StaffSpec("fin", (Role.FINANCE,), ("0384",), NEW_PASSWORD)) == 1
    assert await gw.queries.sessions.open_of("fin", gw.clock.now()) == []
    assert (await published(store))[-2:] == [SessionEnded.TYPE, StaffIdentified.TYPE]
    assert await sign_in(gw, "fin", PASSWORD, Origin()) is None
    assert await audited(store) == [("login", "allowed"), ("logout", "allowed"), ("login", "refused")]


async def test_signing_out_twice_ends_the_session_once(memory_gateway):
    gw, store = memory_gateway
    await register_staff(gw, StaffSpec("fin", (Role.FINANCE,), ("0384",), PASSWORD))
    signed_in = await sign_in(gw, "fin", PASSWORD, Origin())
    await sign_out(gw, signed_in.cookie, Origin())
    await sign_out(gw, signed_in.cookie, Origin())
    assert await audited(store) == [("login", "allowed"), ("logout", "allowed")]
    assert (await published(store)).count(SessionEnded.TYPE) == 1


async def test_a_removed_user_loses_its_password_and_every_service_hears_of_it(memory_gateway):
    gw, store = memory_gateway
    await register_staff(gw, StaffSpec("fin", (Role.FINANCE,), ("0384",), PASSWORD, ("staff-token-fin",)))
    await remove_staff(gw, "fin")
    assert await gw.queries.staff.user("fin") is None and store.state.passwords == {}
    assert (await published(store))[-1] == StaffRemoved.TYPE


async def test_a_region_section_is_published_only_when_it_changed(memory_gateway):
    gw, store = memory_gateway
    assert await _publish(gw, "products", [{"code": "45A01"}])
    assert not await _publish(gw, "products", [{"code": "45A01"}])
    assert await _publish(gw, "products", [{"code": "45A02"}])
    assert (await published(store)).count("region.SectionPublished") == 2
