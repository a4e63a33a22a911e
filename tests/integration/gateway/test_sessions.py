"""Staff sessions live on the server: signing out, a changed role, a removed user or a new
password take effect on the next request, at the gateway and at the other services; a session
ends after 30 minutes without a request to any service and 10 hours after sign-in."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from services.gateway.region.loader import load_region
from services.gateway.region.model import read_region
from shared.clock import FixedClock
from tests.support.audit import audit_entries
from tests.support.embedded import settle
from tests.support.staff import DEMO, client_of, csrf, demo_staff, sign_in

START = datetime(2026, 11, 2, 8, 0, tzinfo=UTC)
QUEUE = "/invoicing/v1/queue"
BUDGET = "/payments/v1/reports/budget?year=2026"


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(START)


@pytest.fixture
async def demo(tmp_path: Path, clock: FixedClock):  # type: ignore[no-untyped-def]
    async with demo_staff(tmp_path / "var", clock) as (runtime, client):
        yield runtime, client


def with_cookie(cookie: str) -> dict[str, str]:
    return {"Cookie": f"happyflow_session={cookie}"}


async def reload(runtime, tmp_path: Path, change) -> None:  # type: ignore[no-untyped-def]
    changed = tmp_path / "changed.toml"
    changed.write_text(change(DEMO.read_text()))
    await load_region(runtime.container("gateway").context, read_region(changed))
    await settle(runtime)


async def test_after_signing_out_the_old_cookie_is_refused_everywhere(demo):
    runtime, client = demo
    cookie = await sign_in(client, "financien")
    await settle(runtime)
    assert (await client.get(QUEUE, headers=with_cookie(cookie))).status_code == 200
    assert (await client.post("/auth/logout", headers=csrf(client))).status_code == 204
    assert (await client.get("/auth/me", headers=with_cookie(cookie))).status_code == 401
    await settle(runtime)
    assert (await client.get(QUEUE, headers=with_cookie(cookie))).status_code == 401
    entries = await audit_entries(runtime, username="financien", service="gateway")
    assert [(e.action, e.roles, e.outcome) for e in entries] == [("login", "finance", "allowed"),
                                                                  ("logout", "finance", "allowed")]


async def test_signing_in_again_ends_the_previous_session_but_a_failed_attempt_does_not(demo):
    _, client = demo
    first = await sign_in(client, "financien")
    wrong = await client.post("/auth/login", json={"username": "controller", "password": "wrong"}, headers=csrf(client))
    assert wrong.status_code == 401
    assert (await client.get("/auth/me")).json()["username"] == "financien"
    await sign_in(client, "controller")
    assert (await client.get("/auth/me", headers=with_cookie(first))).status_code == 401


async def test_a_role_removed_by_a_region_reload_is_refused_at_the_next_request(demo, tmp_path):
    runtime, client = demo
    await sign_in(client, "financien")
    await settle(runtime)
    assert (await client.get(QUEUE)).status_code == 200
    await reload(runtime, tmp_path, lambda text: text.replace('roles = ["finance"]', 'roles = ["controller"]'))
    assert (await client.get(QUEUE)).status_code == 403
    assert (await client.get("/auth/me")).json()["roles"] == ["controller"]  # the same session, the new roles


async def test_a_user_the_region_file_no_longer_lists_is_signed_out_everywhere(demo, tmp_path):
    runtime, client = demo
    await sign_in(client, "toegang.deventer")
    await settle(runtime)
    assert (await client.get("/allocation/v1/allocations")).status_code == 200
    await reload(runtime, tmp_path, lambda text: text.replace('username = "toegang.deventer"', 'username = "weg"')
                 .replace("demo-bergkerk-2026", "demo-nieuw-wachtwoord-2026"))
    assert (await client.get("/auth/me")).status_code == 401
    assert (await client.get("/allocation/v1/allocations")).status_code == 401
    token = {"Authorization": "Bearer demo-staff-toegang.deventer"}  # its token went with it
    assert (await client.get("/allocation/v1/allocations", headers=token)).status_code == 401
    [ended] = await audit_entries(runtime, username="toegang.deventer", action="logout")
    assert ended.reason == "session ended by a region load: user removed"


async def test_a_new_password_ends_the_users_sessions(demo, tmp_path):
    runtime, client = demo
    await sign_in(client, "controller")
    await settle(runtime)
    assert (await client.get(BUDGET)).status_code == 200
    await reload(runtime, tmp_path, lambda text: text.replace("demo-balans-ijssel-2026", "demo-nieuw-wachtwoord-2026"))
    assert (await client.get(BUDGET)).status_code == 401
    assert (await client.get("/auth/me")).status_code == 401
    [ended] = await audit_entries(runtime, username="controller", action="logout")
    assert ended.reason == "session ended by a region load: password changed"


async def test_a_session_ends_after_30_minutes_without_a_request(demo, clock):
    _, client = demo
    await sign_in(client, "financien")
    for _ in range(3):  # each request within 30 minutes keeps it going
        clock.advance(timedelta(minutes=29))
        assert (await client.get("/auth/me")).status_code == 200
    clock.advance(timedelta(minutes=30, seconds=1))
    assert (await client.get("/auth/me")).status_code == 401


async def test_a_request_to_another_service_keeps_the_session_going_at_the_gateway(demo, clock):
    runtime, client = demo
    await sign_in(client, "financien")
    await settle(runtime)
    clock.advance(timedelta(minutes=20))
    assert (await client.get(QUEUE)).status_code == 200  # invoicing renews the activity stamp
    clock.advance(timedelta(minutes=20))
    assert (await client.get("/auth/me")).status_code == 200  # 40 minutes after sign-in, 20 idle


async def test_a_session_ends_10_hours_after_sign_in_however_busy(demo, clock):
    _, client = demo
    await sign_in(client, "financien")
    for _ in range(23):
        clock.advance(timedelta(minutes=26))
        assert (await client.get("/auth/me")).status_code == 200
    clock.advance(timedelta(minutes=2))  # 600 minutes
    assert (await client.get("/auth/me")).status_code == 401


async def test_the_session_route_tells_when_the_session_ends(demo, clock):
    _, client = demo
    await sign_in(client, "beheer")
    clock.advance(timedelta(minutes=5))
    session = (await client.get("/auth/session")).json()
    assert (session["username"], session["roles"]) == ("beheer", ["admin"])
    assert session["started_at"] == "2026-11-02T08:00:00Z" and session["expires_at"] == "2026-11-02T18:00:00Z"
    assert session["idle_expires_at"] == "2026-11-02T08:35:00Z"


async def test_a_token_caller_has_no_session(demo):
    _, client = demo
    assert (await client.get("/auth/session", headers={"Authorization": "Bearer demo-staff-beheer"})).status_code == 401


async def test_a_cookie_changed_by_its_holder_is_refused(demo):
    _, client = demo
    cookie = await sign_in(client, "toegang.zwolle")
    body, mac = cookie.split(".")
    forged = body.replace(body[10], "A" if body[10] != "A" else "B") + "." + mac
    assert (await client.get("/auth/me", headers=with_cookie(forged))).status_code == 401


async def test_the_cookie_is_http_only_strict_and_secure_over_https(demo):
    runtime, _ = demo
    async with client_of(runtime, https=True) as client:
        login = await client.post("/auth/login", json={"username": "beheer", "password": "demo-sleutelbos-2026"})
    attributes = login.headers["set-cookie"].lower()
    assert "httponly" in attributes and "samesite=strict" in attributes and "secure" in attributes
