"""Staff users for admins: the users who share one of the admin's municipalities, filtered by role
and municipality, with their sessions; signing a user out everywhere takes an admin bound to every
municipality the user is bound to."""

from __future__ import annotations

from pathlib import Path

import pytest

from services.gateway.handlers.parties import StaffSpec, register_staff
from shared.auth.principal import Role
from tests.support.audit import audit_entries
from tests.support.staff import client_of, demo_staff, sign_in

ADMIN = {"Authorization": "Bearer demo-staff-beheer"}
ZWOLLE_ADMIN_TOKEN = "beheer-zwolle-7Jq2xV9mPz4LwR8sTn3K"
ZWOLLE_ADMIN = {"Authorization": f"Bearer {ZWOLLE_ADMIN_TOKEN}"}
STAFF = "/gateway/v1/staff"


@pytest.fixture
async def region(tmp_path: Path):  # type: ignore[no-untyped-def]
    async with demo_staff(tmp_path) as (runtime, client):
        await register_staff(runtime.container("gateway").context,
                             StaffSpec("beheer.zwolle", (Role.ADMIN,), ("0193",), tokens=(ZWOLLE_ADMIN_TOKEN,)))
        yield runtime, client


async def test_the_list_filters_by_role_and_municipality_and_names_the_municipalities(region):
    _, client = region
    access = (await client.get(f"{STAFF}?role=access", headers=ADMIN)).json()
    assert [u["username"] for u in access] == ["toegang.deventer", "toegang.zwolle"]
    assert access[1]["municipalities"] == [{"code": "0193", "name": "Zwolle"}] and access[1]["api_tokens"] == 1
    in_deventer = (await client.get(f"{STAFF}?municipality=0150", headers=ADMIN)).json()
    assert "toegang.zwolle" not in [u["username"] for u in in_deventer] and "toegang.deventer" in [
        u["username"] for u in in_deventer]


async def test_an_admin_of_one_municipality_sees_only_the_users_who_share_it(region):
    _, client = region
    seen = {u["username"] for u in (await client.get(STAFF, headers=ZWOLLE_ADMIN)).json()}
    assert "toegang.zwolle" in seen and "financien" in seen and "toegang.deventer" not in seen
    assert (await client.get(f"{STAFF}/toegang.deventer", headers=ZWOLLE_ADMIN)).status_code == 404
    ended = await client.post(f"{STAFF}/toegang.deventer/sessions/end", headers=ZWOLLE_ADMIN)
    assert ended.status_code == 404


async def test_signing_out_a_user_bound_beyond_the_admins_municipalities_is_refused(region):
    runtime, client = region
    user = await client.get(f"{STAFF}/financien", headers=ZWOLLE_ADMIN)
    assert user.status_code == 200 and user.json()["may_end_sessions"] is False
    refused = await client.post(f"{STAFF}/financien/sessions/end", headers=ZWOLLE_ADMIN)
    assert refused.status_code == 403


async def test_an_admin_signs_a_user_out_everywhere_and_the_old_cookie_is_refused(region):
    runtime, client = region
    async with client_of(runtime, "192.0.2.7") as browser:
        await sign_in(browser, "toegang.zwolle")
        user = (await client.get(f"{STAFF}/toegang.zwolle", headers=ZWOLLE_ADMIN)).json()
        assert user["open_sessions"] == 1 and len(user["sessions"]) == 1 and user["last_signed_in"]
        ended = await client.post(f"{STAFF}/toegang.zwolle/sessions/end", headers=ZWOLLE_ADMIN)
        assert ended.json() == {"ended": 1}
        assert (await browser.get("/auth/me")).status_code == 401
    assert (await client.get(f"{STAFF}/toegang.zwolle", headers=ZWOLLE_ADMIN)).json()["open_sessions"] == 0
    [entry] = await audit_entries(runtime, action="staff.sessions.end")
    assert (entry.username, entry.object, entry.reason) == ("beheer.zwolle", "staff toegang.zwolle", "1 open sessions ended")


async def test_a_users_history_shows_what_the_region_files_did(region):
    _, client = region
    history = (await client.get(f"{STAFF}/toegang.zwolle", headers=ADMIN)).json()["history"]
    assert [(h["what"], h["roles"], h["password_changed"]) for h in history] == [
        ("registered", ["access"], True), ("token_issued", None, False)]


async def test_only_admins_see_staff_users(region):
    _, client = region
    assert (await client.get(STAFF, headers={"Authorization": "Bearer demo-staff-financien"})).status_code == 403
