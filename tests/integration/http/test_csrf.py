"""A change made with the staff session cookie needs the CSRF token; a bearer token does not."""

from __future__ import annotations

from tests.integration.http.conftest import FINANCE, PROBLEM_JSON
from tests.support.embedded import settle
from tests.support.staff import PASSWORDS

SIGN_IN = {"username": "financien", "password": PASSWORDS["financien"]}
CLAIM = "/invoicing/v1/queue/no-such-declaration/R1/claim"


async def signed_in(runtime, client) -> str:  # type: ignore[no-untyped-def]
    """Sign in as a browser would; the answer sets the session cookie and the CSRF cookie."""
    answer = await client.post("/auth/login", json=SIGN_IN)
    assert answer.status_code == 200 and {"happyflow_session", "csrftoken"} <= set(client.cookies)
    await settle(runtime)  # the session's start reaches the other services (the relays, when serving)
    return client.cookies["csrftoken"]


async def test_a_cookie_only_post_from_another_origin_is_refused_and_changes_nothing(demo):
    runtime, client = demo
    await signed_in(runtime, client)
    forged = await client.post(CLAIM, headers={"Origin": "https://elders.example"})
    assert forged.status_code == 403 and forged.headers["content-type"] == PROBLEM_JSON
    assert forged.json()["type"] == "urn:happyflow:problem:csrf"


async def test_a_token_that_is_not_the_cookie_is_refused(demo):
    runtime, client = demo
    await signed_in(runtime, client)
    client.cookies.set("csrftoken", "forged")
    assert (await client.post(CLAIM, headers={"X-CSRFToken": "forged"})).status_code == 403


async def test_a_workbench_call_with_the_cookie_and_the_header_is_let_through(demo):
    runtime, client = demo
    token = await signed_in(runtime, client)
    # the workbench forwards the user's two cookies (the client keeps them) and repeats the token
    answer = await client.post(CLAIM, headers={"X-CSRFToken": token})
    assert answer.status_code == 404 and answer.json()["detail"] == "no such held line"


async def test_a_bearer_token_call_needs_no_csrf_token(demo):
    _, client = demo
    answer = await client.post(CLAIM, headers=FINANCE)
    assert answer.status_code == 404


async def test_reading_with_the_cookie_alone_still_works(demo):
    runtime, client = demo
    await signed_in(runtime, client)
    assert (await client.get("/invoicing/v1/queue")).status_code == 200
