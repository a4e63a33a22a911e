"""The workbench in process (no browser): CSRF on every form post, security headers, sign-in and
-out through the gateway's session, only the user's screens, filters kept in the URL."""

from __future__ import annotations

import re
from pathlib import Path

import httpx
import pytest

from services.gateway.region.loader import load_region
from services.gateway.region.model import read_region
from services.runtime import Runtime
from services.web.app import create_web_app
from services.web.config import WebSettings
from services.web.csrf import CSRF_COOKIE
from shared.auth.sessions import SESSION_COOKIE
from tests.integration.invoicing.test_declaration_flow import (  # noqa: F401 (fixture)
    JW323, post_and_settle, region,
)
from tests.support.embedded import settle
from tests.support.staff import PASSWORDS

HTML = {"Accept": "text/html"}
FINANCE = {"Authorization": "Bearer demo-staff-financien"}


def token_of(page: httpx.Response) -> str:
    return re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)  # type: ignore[union-attr]


async def signed_in(runtime: Runtime, client: httpx.AsyncClient, username: str = "financien",
                    password: str | None = None) -> None:
    form = await client.get("/aanmelden", headers=HTML)
    answer = await client.post("/aanmelden", headers=HTML, data={
        "username": username, "password": password or PASSWORDS[username], "csrf_token": token_of(form)})
    assert answer.status_code == 303 and SESSION_COOKIE in client.cookies
    await settle(runtime)  # the session's start reaches every service (the relay's work when serving)


async def a_held_line(runtime, client) -> dict:  # type: ignore[no-untyped-def]
    await post_and_settle(runtime, client, JW323)
    [held] = (await client.get("/invoicing/v1/queue", headers=FINANCE)).json()
    return held


async def test_signing_in_passes_the_gateway_session_on_and_signing_out_ends_it(region):
    runtime, client = region
    await signed_in(runtime, client)
    home = await client.get("/", headers=HTML)
    assert home.status_code == 200 and "Aangemeld als <strong>financien</strong>" in home.text
    signed_out = await client.post("/afmelden", headers=HTML, data={"csrf_token": token_of(home)})
    assert signed_out.status_code == 303 and SESSION_COOKIE not in client.cookies
    assert (await client.get("/", headers=HTML)).headers["location"] == "/aanmelden?terug=/"


async def test_a_page_passes_the_services_renewed_session_on_to_the_browser(region):
    """Else the idle timeout would end the session 30 minutes after signing in, however busy."""
    runtime, client = region
    await signed_in(runtime, client)
    home = await client.get("/", headers=HTML)
    assert [c for c in home.headers.get_list("set-cookie") if c.startswith(f"{SESSION_COOKIE}=")]


async def test_a_wrong_password_signs_nobody_in_and_says_so_beside_the_field(region):
    _, client = region
    form = await client.get("/aanmelden", headers=HTML)
    answer = await client.post("/aanmelden", headers=HTML, data={
        "username": "financien", "password": "guess", "csrf_token": token_of(form)})
    assert answer.status_code == 401 and SESSION_COOKIE not in client.cookies
    assert 'id="password-fout"' in answer.text and 'href="#password"' in answer.text


async def test_every_form_post_without_its_token_is_refused_and_changes_nothing(region):
    runtime, client = region
    held = await a_held_line(runtime, client)
    await signed_in(runtime, client)
    line = f"/wachtrij/{held['declaration_id']}/R100"
    paths = create_web_app(WebSettings()).openapi()["paths"]  # every route of the workbench
    posts = [path for path, methods in paths.items() if "post" in methods]
    assert len(posts) >= 6
    for path in posts:
        path = path.replace("{declaration_id}", held["declaration_id"]).replace("{reference}", "R100")
        for token in ({}, {"csrf_token": "forged"}):
            answer = await client.post(path, headers=HTML, data={"reden": "zonder token", **token})
            assert answer.status_code == 403, path
    still = (await client.get(f"/invoicing/v1/queue/{held['declaration_id']}/R100", headers=FINANCE)).json()
    assert (still["status"], still["claimed_by"]) == ("held", None) and SESSION_COOKIE in client.cookies
    page = await client.get(line, headers=HTML)
    approved = await client.post(f"{line}/goedkeuren", headers=HTML, data={"reden": "mag wel", "csrf_token": token_of(page)})
    assert approved.status_code == 303


async def test_a_token_from_before_signing_in_no_longer_holds_after(region):
    runtime, client = region
    before = token_of(await client.get("/aanmelden", headers=HTML))
    await signed_in(runtime, client)
    assert (await client.post("/afmelden", headers=HTML, data={"csrf_token": before})).status_code == 403


async def test_pages_carry_a_strict_content_security_policy_and_the_other_headers(region):
    _, client = region
    page = await client.get("/aanmelden", headers=HTML)
    csp = page.headers["content-security-policy"]
    assert "unsafe-inline" not in csp and "script-src 'self'" in csp and "frame-ancestors 'none'" in csp
    assert page.headers["x-content-type-options"] == "nosniff" and page.headers["referrer-policy"] == "same-origin"
    assert page.headers["cache-control"] == "no-store" and "<script>" not in page.text and " style=" not in page.text
    assert CSRF_COOKIE in page.cookies


async def test_an_access_team_member_sees_neither_the_queue_link_nor_the_queue(region):
    runtime, client = region
    await signed_in(runtime, client, "toegang.zwolle")
    home = await client.get("/", headers=HTML)
    assert "Verzoeken die op antwoord wachten" in home.text and 'href="/wachtrij"' not in home.text
    assert (await client.get("/wachtrij", headers=HTML)).status_code == 403


async def test_the_queue_keeps_its_filters_in_the_url_and_names_a_wrong_amount(region):
    runtime, client = region
    await a_held_line(runtime, client)
    await signed_in(runtime, client)
    found = await client.get("/wachtrij?aanbieder=98000001&code=9338&sorteer=bedrag-hoog", headers=HTML)
    assert "1 prestatie gevonden" in found.text and "R100" in found.text and "Geen toewijzing bij" in found.text
    assert 'href="/wachtrij/' in found.text and "terug=/wachtrij%3Faanbieder%3D98000001%26code%3D9338%26sorteer%3Dbedrag-hoog" in found.text
    wrong = await client.get("/wachtrij?bedrag_vanaf=twaalf", headers=HTML)
    assert 'id="bedrag_vanaf-fout"' in wrong.text and 'aria-invalid="true"' in wrong.text


async def test_an_api_client_still_gets_json_for_an_unknown_path(region):
    _, client = region
    answer = await client.get("/invoicing/v1/nothing-here", headers={"Accept": "application/json"})
    assert answer.status_code == 404 and answer.headers["content-type"] == "application/problem+json"
    assert answer.json()["instance"] == "/invoicing/v1/nothing-here"


async def test_the_workbench_alone_reports_which_service_apis_it_reaches():
    app = create_web_app(WebSettings(gateway_url="http://127.0.0.1:9", allocation_url="http://127.0.0.1:9",
                                     invoicing_url="http://127.0.0.1:9", payments_url="http://127.0.0.1:9"))
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://web") as client:
        health = (await client.get("/health")).json()
        assert health["services"]["web"]["apis"] == dict.fromkeys(("gateway", "allocation", "invoicing", "payments"),
                                                                  "unreachable")
        assert (await client.get("/", headers=HTML)).status_code == 503  # a page says the service is away


@pytest.mark.parametrize("path", ["/docs", "/redoc"])
async def test_the_api_documentation_loads_nothing_from_elsewhere(region, path):
    _, client = region
    page = await client.get(path)
    sources = re.findall(r'(?:src|href)="([^"]+)"', page.text)
    assert page.status_code == 200 and sources and all(s.startswith("/assets/") for s in sources)
    assert [(await client.get(s)).status_code for s in sources] == [200] * len(sources)


async def test_one_users_sign_in_never_signs_in_the_next_visitor(region):
    runtime, client = region
    await signed_in(runtime, client)
    stranger = httpx.AsyncClient(transport=client._transport, base_url="http://happyflow")  # another browser
    async with stranger:
        answer = await stranger.get("/", headers=HTML)
    assert answer.status_code == 303 and answer.headers["location"].startswith("/aanmelden")


async def test_a_first_of_two_approvals_says_the_line_waits_for_a_colleague(region):
    runtime, client = region
    region_file = read_region(Path(__file__).resolve().parents[3] / "examples/regions/ijsselland.toml")
    policy = region_file.policy.model_copy(update={"four_eyes_from": 60000})  # the demo JW323's line
    await load_region(runtime.container("gateway").context, region_file.model_copy(update={"policy": policy}))
    held = await a_held_line(runtime, client)
    await signed_in(runtime, client)
    line = f"/wachtrij/{held['declaration_id']}/R100"
    page = await client.get(line, headers=HTML)
    done = await client.post(f"{line}/goedkeuren", headers=HTML, data={"reden": "mag wel", "csrf_token": token_of(page)})
    queue = await client.get(done.headers["location"], headers=HTML)
    assert "tweede akkoord" in queue.text and "is goedgekeurd" not in queue.text
