"""The admins' screens in process: a region file's validation report names every problem with its
line, its place and the rule in Dutch, and applies nothing; a valid file is applied only on the
confirming post, exactly as previewed; staff users are listed and signed out everywhere; other
roles get the Dutch 403 page."""

from __future__ import annotations

import re
from pathlib import Path

import httpx
import pytest

from tests.integration.web.test_workbench import HTML, signed_in, token_of
from tests.support.embedded import settle
from tests.support.staff import client_of, demo_staff

DEMO = Path(__file__).resolve().parents[3] / "examples" / "regions" / "ijsselland.toml"
PAGE = "/beheer/regiobestand"
ADMIN_TOKEN = {"Authorization": "Bearer demo-staff-beheer"}


@pytest.fixture
async def admin(tmp_path: Path):  # type: ignore[no-untyped-def]
    async with demo_staff(tmp_path) as (runtime, client):
        await signed_in(runtime, client, "beheer")
        yield runtime, client


async def events(runtime) -> int:  # type: ignore[no-untyped-def]
    return len(await runtime.container("gateway").db.read_all(limit=100_000))


async def upload(client: httpx.AsyncClient, text: str | bytes, name: str = "regio.toml") -> httpx.Response:
    page = await client.get(PAGE, headers=HTML)
    content = text.encode() if isinstance(text, str) else text
    return await client.post(PAGE, headers=HTML, data={"csrf_token": token_of(page)},
                             files={"bestand": (name, content, "application/toml")})


def report_rows(page: httpx.Response) -> list[tuple[str, str]]:
    """(line, what is wrong) of each row of the validation report, tags stripped."""
    body = re.search(r'<table class="[^"]*wb-region-report">(.*?)</table>', page.text, re.S)
    assert body, "no validation report"
    rows = re.findall(r"<tr class=\"utrecht-table__row\">\s*<td[^>]*>(.*?)</td>.*?<td[^>]*>.*?</td>\s*<td[^>]*>(.*?)</td>",
                      body.group(1), re.S)
    return [(re.sub(r"<[^>]+>|\s+", " ", line).strip(), re.sub(r"<[^>]+>|\s+", " ", text).strip()) for line, text in rows]


def line_of(text: str, fragment: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), 1) if fragment in line)


async def test_bad_toml_syntax_is_named_at_its_line_in_dutch_and_changes_nothing(admin):
    runtime, client = admin
    before = await events(runtime)
    text = DEMO.read_text().replace('name = "Dalfsen"', 'name = "Dalfsen')
    page = await upload(client, text)
    [(line, what)] = report_rows(page)
    assert page.status_code == 422 and line.startswith(str(line_of(text, 'name = "Dalfsen')))
    assert "geen geldige TOML" in what and "Er is niets gewijzigd" in page.text
    assert await events(runtime) == before


async def test_a_user_bound_to_a_municipality_the_file_lacks_is_named_at_that_binding(admin):
    runtime, client = admin
    before = await events(runtime)
    text = DEMO.read_text().replace('municipalities = ["0150"]', 'municipalities = ["0150", "0999"]')
    page = await upload(client, text)
    [(line, what)] = report_rows(page)
    assert line == str(line_of(text, '"0999"')) and "Gemeente 0999 staat niet in dit bestand" in what
    assert "<code>staff</code> › nr. 2 › <code>municipalities</code> › nr. 2" in page.text
    assert await events(runtime) == before


async def test_a_weak_password_is_named_by_the_policy_in_dutch_and_never_shown(admin):
    runtime, client = admin
    before = await events(runtime)
    text = DEMO.read_text().replace("demo-kasboek-ijssel-2026", "Welkom01!").replace(
        "demo-bergkerk-2026", "toegang-deventer-wachtwoord")
    page = await upload(client, text)
    rows = report_rows(page)
    assert [line for line, _ in rows] == [str(line_of(text, "toegang-deventer-wachtwoord")), str(line_of(text, "Welkom01!"))]
    assert "niet bevatten" in rows[0][1] and "12 tot 128 tekens" in rows[1][1]
    assert "Welkom01!" not in page.text and "toegang-deventer-wachtwoord" not in page.text
    assert await events(runtime) == before


async def test_an_oversized_file_is_refused_with_a_dutch_message_and_changes_nothing(admin):
    runtime, client = admin
    before = await events(runtime)
    large = await upload(client, b"#" * (600 * 1024))
    assert large.status_code == 422 and "groter dan 512 kB" in large.text
    huge = await upload(client, b"#" * (13 * 1024 * 1024))
    assert huge.status_code == 413 and "te groot" in huge.text and "text/html" in huge.headers["content-type"]
    assert await events(runtime) == before


async def ceiling_of(client: httpx.AsyncClient, contract: str) -> int:
    report = await client.get("/payments/v1/reports/ceilings", params={"year": 2026}, headers=ADMIN_TOKEN)
    return next(row["ceiling"] for row in report.json()["rows"] if row["contract"] == contract)


async def test_a_valid_file_is_applied_only_on_confirmation_and_then_shows_who_applied_it(admin):
    runtime, client = admin
    before = await events(runtime)
    preview = await upload(client, DEMO.read_text().replace("ceiling.2026 = 450000000", "ceiling.2026 = 460000000"))
    assert preview.status_code == 200 and "Bevestig: laad dit regiobestand" in preview.text
    assert "budgetplafond 2026" in preview.text and "€ 4.600.000,00" in preview.text
    assert "demo-kasboek-ijssel-2026" not in preview.text  # the file travels sealed
    assert await events(runtime) == before and await ceiling_of(client, "98000001") == 450000000
    fields = dict(re.findall(r'name="(bestand|voorbeeld|naam|csrf_token)" value="([^"]*)"', preview.text))
    applied = await client.post(f"{PAGE}/toepassen", headers=HTML, data=fields)
    assert applied.status_code == 303 and applied.headers["location"] == PAGE
    shown = await client.get(PAGE, headers=HTML)
    assert "Het regiobestand is geladen" in shown.text and "door beheer" in shown.text
    await settle(runtime)
    assert await ceiling_of(client, "98000001") == 460000000
    [load] = (await client.get("/gateway/v1/region/loads", headers=ADMIN_TOKEN)).json()
    assert load["loaded_by"] == "beheer" and load["sha256"] in shown.text


async def test_a_changed_sealed_file_is_refused_and_nothing_is_applied(admin):
    runtime, client = admin
    preview = await upload(client, DEMO.read_text().replace("ceiling.2026 = 450000000", "ceiling.2026 = 460000000"))
    fields = dict(re.findall(r'name="(bestand|voorbeeld|naam|csrf_token)" value="([^"]*)"', preview.text))
    before = await events(runtime)
    fields["bestand"] = fields["bestand"][:-8] + "AAAAAAA="
    refused = await client.post(f"{PAGE}/toepassen", headers=HTML, data=fields)
    assert refused.status_code == 400 and "Er is niets gewijzigd" in refused.text
    assert await events(runtime) == before


async def test_other_roles_get_the_dutch_403_page_and_no_admin_links(tmp_path):
    async with demo_staff(tmp_path) as (runtime, client):
        await signed_in(runtime, client, "financien")
        for path in (PAGE, "/beheer/gebruikers", "/beheer/gebruikers/beheer"):
            page = await client.get(path, headers=HTML)
            assert page.status_code == 403 and "Geen toegang" in page.text
        assert "/beheer/" not in (await client.get("/", headers=HTML)).text


async def test_the_users_are_filtered_by_role_and_municipality(admin):
    _, client = admin
    page = await client.get("/beheer/gebruikers?rol=access&gemeente=0150", headers=HTML)
    assert "toegang.deventer" in page.text and "toegang.zwolle" not in page.text and "financien" not in page.text


async def test_an_admin_signs_a_user_out_everywhere_from_the_users_page(admin):
    runtime, client = admin
    async with client_of(runtime, "192.0.2.9") as other:
        await signed_in(runtime, other, "toegang.zwolle")
        page = await client.get("/beheer/gebruikers/toegang.zwolle", headers=HTML)
        assert "Overal afmelden" in page.text
        done = await client.post("/beheer/gebruikers/toegang.zwolle/afmelden", headers=HTML,
                                 data={"csrf_token": token_of(page)})
        assert done.status_code == 303
        assert "is overal afgemeld" in (await client.get(done.headers["location"], headers=HTML)).text
        assert (await other.get("/", headers=HTML)).headers["location"].startswith("/aanmelden")
