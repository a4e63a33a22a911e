"""Guessing is throttled: wrong passwords per username and per address, unknown tokens per
address, each answered 429 with Retry-After once over the limit (for the right guess too); a
failed sign-in does the same scrypt work whether the user exists or not; failures are audited."""

from __future__ import annotations

from pathlib import Path

import pytest

from services.gateway.handlers.parties import StaffSpec, register_staff
from shared.auth.principal import Role
from tests.support.audit import audit_entries
from tests.support.staff import PASSWORDS, CountingKdf, clients_of, demo_staff, never_matching


def login(username: str, password: str = "not-the-password") -> dict[str, str]:
    return {"username": username, "password": password}


@pytest.fixture
async def cheap(tmp_path: Path):  # type: ignore[no-untyped-def]
    """Sign-ins whose password check costs nothing and never matches: many failures, fast."""
    async with demo_staff(tmp_path / "var", kdf=never_matching) as (runtime, client):
        yield runtime, client


async def test_after_ten_wrong_passwords_the_account_answers_429_even_to_the_right_one(cheap):
    _, client = cheap
    for _ in range(10):
        assert (await client.post("/auth/login", json=login("financien"))).status_code == 401
    refused = await client.post("/auth/login", json=login("financien", PASSWORDS["financien"]))
    assert refused.status_code == 429 and 0 < int(refused.headers["Retry-After"]) <= 15 * 60
    assert (await client.post("/auth/login", json=login("controller"))).status_code == 401  # another account


async def test_an_address_trying_many_usernames_is_throttled_after_50_failures(cheap):
    runtime, _ = cheap
    guesser, colleague = clients_of(runtime, "192.0.2.6", "192.0.2.7")
    async with guesser, colleague:
        for n in range(50):
            assert (await guesser.post("/auth/login", json=login(f"user{n}"))).status_code == 401
        assert (await guesser.post("/auth/login", json=login("controller"))).status_code == 429
        assert (await colleague.post("/auth/login", json=login("controller"))).status_code == 401


async def test_known_and_unknown_usernames_do_the_same_scrypt_work(tmp_path):
    kdf = CountingKdf()
    async with demo_staff(tmp_path / "var", kdf=kdf) as (runtime, client):
        await register_staff(runtime.container("gateway").context, StaffSpec("zonder.wachtwoord", (Role.FINANCE,),
                                                                             ("0193",)))
        work = {}
        for username in ("financien", "nobody-at-all", "zonder.wachtwoord"):
            kdf.calls.clear()
            assert (await client.post("/auth/login", json=login(username))).status_code == 401
            work[username] = list(kdf.calls)
    assert work["financien"] == [(2**14, 8, 1)]
    assert work["nobody-at-all"] == work["zonder.wachtwoord"] == work["financien"]


async def test_failed_sign_ins_and_unknown_tokens_are_audited(cheap):
    runtime, client = cheap
    await client.post("/auth/login", json=login("beheer"))
    await client.get("/gateway/v1/mailbox", headers={"Authorization": "Bearer guessed-token"})
    await client.get("/invoicing/v1/queue", headers={"Authorization": "Bearer guessed-token"})
    refused = await audit_entries(runtime, outcome="refused")
    assert {("beheer", "login", "gateway"), ("unknown", "token", "gateway"), ("unknown", "token", "invoicing")} \
        <= {(e.username, e.action, e.service) for e in refused}
    tokens = {e.object for e in refused if e.action == "token"}
    assert tokens == {"GET /gateway/v1/mailbox", "GET /invoicing/v1/queue"}


async def test_after_30_unknown_tokens_an_address_answers_429_even_to_a_right_token(cheap):
    _, client = cheap
    for n in range(30):
        guess = {"Authorization": f"Bearer guess-{n}"}
        assert (await client.get("/gateway/v1/mailbox", headers=guess)).status_code == 401
    refused = await client.get("/gateway/v1/mailbox", headers={"Authorization": "Bearer demo-aanbieder-98000001"})
    assert refused.status_code == 429 and 0 < int(refused.headers["Retry-After"]) <= 5 * 60
    finance = {"Authorization": "Bearer demo-staff-financien"}
    assert (await client.get("/invoicing/v1/queue", headers=finance)).status_code == 200  # invoicing counts its own
