"""The distributed mode's sessions: the gateway and the invoicing service as two apps with two
databases, joined only by the bus. A sign-out at the gateway ends the session at the invoicing
service as soon as the event reaches it."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import pytest

from services import migrate
from services.catalog import SERVICES
from services.runtime import Runtime, create_app, embedded_settings
from shared.auth.sessions import SessionCookie, SessionSigner
from shared.bus.memory import InMemoryBus
from shared.clock import FixedClock
from tests.support.embedded import settle
from tests.support.regions import copy_loaded_region
from tests.support.staff import DEMO, PASSWORDS

NAMES = ("gateway", "invoicing")


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(datetime(2026, 11, 2, 8, 0, tzinfo=UTC))


@pytest.fixture
async def two_services(tmp_path: Path, clock: FixedClock
                       ) -> AsyncIterator[tuple[Runtime, httpx.AsyncClient, httpx.AsyncClient]]:
    await copy_loaded_region(tmp_path, DEMO)  # the demo region, loaded and settled
    settings = embedded_settings(tmp_path)  # one session secret for both, as the README asks
    for name in NAMES:
        await asyncio.to_thread(migrate.upgrade, name, settings[name].database_url)
    bus = InMemoryBus()
    gateway, invoicing = (SERVICES[n].container(settings[n], bus, clock) for n in NAMES)
    bus_only = Runtime([gateway, invoicing], bus)  # drives relays and consumers; serves nothing
    await bus_only.open()
    clients = [httpx.AsyncClient(transport=httpx.ASGITransport(app=create_app(Runtime([c], bus), manage_runtime=False)),
                                 base_url=f"http://{c.name}") for c in (gateway, invoicing)]
    try:
        yield bus_only, *clients
    finally:
        for client in clients:
            await client.aclose()
        await bus_only.stop()


async def test_a_sign_out_at_the_gateway_ends_the_session_at_invoicing_once_the_event_arrives(two_services):
    runtime, gateway, invoicing = two_services
    login = await gateway.post("/auth/login", json={"username": "financien", "password": PASSWORDS["financien"]})
    cookie = {"Cookie": f"happyflow_session={login.cookies['happyflow_session']}"}
    await settle(runtime)
    assert (await invoicing.get("/invoicing/v1/queue", headers=cookie)).status_code == 200
    token = login.cookies["csrftoken"]  # a sign-out with the session cookie needs the CSRF token
    signing_out = {"Cookie": f"{cookie['Cookie']}; csrftoken={token}", "X-CSRFToken": token}
    assert (await gateway.post("/auth/logout", headers=signing_out)).status_code == 204
    assert (await gateway.get("/auth/me", headers=cookie)).status_code == 401  # the gateway knows at once
    assert (await invoicing.get("/invoicing/v1/queue", headers=cookie)).status_code == 200  # its event is on the way
    await settle(runtime)
    assert (await invoicing.get("/invoicing/v1/queue", headers=cookie)).status_code == 401


async def test_the_first_request_after_sign_in_waits_a_moment_for_its_session_to_arrive(two_services):
    runtime, gateway, invoicing = two_services
    login = await gateway.post("/auth/login", json={"username": "financien", "password": PASSWORDS["financien"]})
    cookie = {"Cookie": f"happyflow_session={login.cookies['happyflow_session']}"}
    first, _ = await asyncio.gather(invoicing.get("/invoicing/v1/queue", headers=cookie), settle(runtime))
    assert first.status_code == 200


async def test_a_session_signed_a_minute_ago_that_never_arrived_is_refused_at_once(two_services, clock):
    runtime, gateway, invoicing = two_services
    login = await gateway.post("/auth/login", json={"username": "financien", "password": PASSWORDS["financien"]})
    cookie = {"Cookie": f"happyflow_session={login.cookies['happyflow_session']}"}
    clock.advance(timedelta(seconds=61))
    assert (await invoicing.get("/invoicing/v1/queue", headers=cookie)).status_code == 401
    await settle(runtime)
    assert (await invoicing.get("/invoicing/v1/queue", headers=cookie)).status_code == 200


async def test_the_shared_secret_alone_opens_no_session(two_services, clock):
    """A cookie signed with the right secret for a session the gateway never started."""
    runtime, _, invoicing = two_services
    secret = runtime.container("invoicing").settings.session_secret
    started = int(clock.now().timestamp()) - 120
    forged = SessionSigner(secret).sign(SessionCookie("made-up-session-id", "beheer", started, started + 110))
    forged_cookie = {"Cookie": f"happyflow_session={forged}"}
    assert (await invoicing.get("/invoicing/v1/queue", headers=forged_cookie)).status_code == 401
