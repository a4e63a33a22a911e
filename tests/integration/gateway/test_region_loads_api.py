"""Loading a region file over the gateway's API: a dry run names every problem (key, line, rule)
or what the file would change; the load applies exactly what the preview showed, records who
loaded which file, and a broken, stale or too large file changes nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.audit import audit_entries
from tests.support.regions import region_app

DEMO = Path(__file__).resolve().parents[3] / "examples" / "regions" / "ijsselland.toml"
ADMIN = {"Authorization": "Bearer demo-staff-beheer", "Content-Type": "application/toml"}
LOADS = "/gateway/v1/region/loads"
NEW_USER = '\n[[staff]]\nusername = "financien3"\nname = "Fenna Hofstede"\nroles = ["finance"]\n' \
           'municipalities = ["0193"]\npassword = "Derde-paar-ogen-in-Zwolle"\n'


@pytest.fixture
async def region(tmp_path: Path):  # type: ignore[no-untyped-def]
    async with region_app(tmp_path, DEMO) as (runtime, client):
        yield runtime, client


async def events(runtime) -> int:  # type: ignore[no-untyped-def]
    return len(await runtime.container("gateway").db.read_all(limit=100_000))


def line_of(text: str, fragment: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), 1) if fragment in line)


async def test_the_loaded_file_previews_as_changing_nothing(region):
    _, client = region
    preview = await client.post(f"{LOADS}?dry_run=true", content=DEMO.read_bytes(), headers=ADMIN)
    assert preview.status_code == 200 and preview.json()["changes"] == []


async def test_a_broken_file_names_each_problem_at_its_key_and_line_and_changes_nothing(region):
    runtime, client = region
    before = await events(runtime)
    text = DEMO.read_text().replace('municipalities = ["0150"]', 'municipalities = ["0150", "0999"]') + NEW_USER.replace(
        "Derde-paar-ogen-in-Zwolle", "zwolle")
    for dry_run in ("true", "false"):
        refused = await client.post(f"{LOADS}?dry_run={dry_run}", content=text.encode(), headers=ADMIN)
        assert refused.status_code == 422 and refused.json()["type"] == "urn:happyflow:problem:region-file"
    [problem] = refused.json()["errors"]  # the shape first: the binding is checked once the shape is right
    assert (problem["rule"], problem["path"], problem["line"]) == (
        "password_policy", "staff.7.password", line_of(text, '"zwolle"'))
    assert problem["params"]["reasons"] == ["length"] and '"zwolle"' not in refused.text
    assert await events(runtime) == before


async def test_a_syntax_error_is_named_with_its_line(region):
    _, client = region
    text = DEMO.read_text().replace('name = "Dalfsen"', 'name = "Dalfsen')
    refused = await client.post(f"{LOADS}?dry_run=true", content=text.encode(), headers=ADMIN)
    [problem] = refused.json()["errors"]
    assert (problem["rule"], problem["line"]) == ("toml_syntax", line_of(text, 'name = "Dalfsen'))


async def test_the_load_applies_what_the_preview_showed_and_records_who_loaded_which_file(region):
    runtime, client = region
    text = DEMO.read_text().replace("ceiling.2026 = 450000000", "ceiling.2026 = 500000000") + NEW_USER
    preview = (await client.post(f"{LOADS}?dry_run=true", content=text.encode(), headers=ADMIN)).json()
    assert [(c["kind"], c["key"], c["action"]) for c in preview["changes"]] == [
        ("staff", "financien3", "added"), ("contract", "98000001", "changed")]
    assert {"field": "ceiling.2026", "before": 450000000, "after": 500000000} in preview["changes"][1]["fields"]
    assert {"field": "password", "before": None, "after": "new"} in preview["changes"][0]["fields"]
    assert {"field": "name", "before": None, "after": "Fenna Hofstede"} in preview["changes"][0]["fields"]
    loaded = await client.post(f"{LOADS}?preview={preview['preview']}", content=text.encode(), headers=ADMIN)
    assert loaded.status_code == 200 and loaded.json()["changes"] == preview["changes"]
    signed_in = await client.post("/auth/login", json={"username": "financien3", "password": "Derde-paar-ogen-in-Zwolle"})
    assert signed_in.status_code == 200
    client.cookies.clear()  # the admin's token again, not the new user's session
    [load] = (await client.get(LOADS, headers=ADMIN)).json()
    assert (load["sha256"], load["loaded_by"], load["changes"]) == (preview["sha256"], "beheer", preview["changes"])
    user = (await client.get("/gateway/v1/staff/financien3", headers=ADMIN)).json()
    assert (user["name"], user["roles"]) == ("Fenna Hofstede", ["finance"])
    [entry] = await audit_entries(runtime, action="region.load")
    assert (entry.username, entry.object) == ("beheer", f"region file sha256:{preview['sha256']}")


async def test_a_load_whose_preview_no_longer_holds_is_refused_and_changes_nothing(region):
    runtime, client = region
    first = DEMO.read_text().replace("ceiling.2026 = 450000000", "ceiling.2026 = 500000000")
    preview = (await client.post(f"{LOADS}?dry_run=true", content=first.encode(), headers=ADMIN)).json()
    before = await events(runtime)
    other = first.replace("ceiling.2026 = 500000000", "ceiling.2026 = 550000000")
    stale = await client.post(f"{LOADS}?preview={preview['preview']}", content=other.encode(), headers=ADMIN)
    assert stale.status_code == 409 and stale.json()["errors"][0]["rule"] == "stale_preview"
    assert await events(runtime) == before


async def test_a_file_that_takes_the_loading_admins_rights_away_is_refused(region):
    _, client = region
    text = DEMO.read_text().replace('roles = ["admin"]', 'roles = ["controller"]')
    refused = await client.post(f"{LOADS}?dry_run=true", content=text.encode(), headers=ADMIN)
    [problem] = refused.json()["errors"]
    assert (refused.status_code, problem["rule"], problem["path"]) == (422, "keeps_loader", "staff.5")


async def test_a_file_over_the_limit_is_refused_before_it_is_read(region):
    runtime, client = region
    before = await events(runtime)
    too_large = await client.post(f"{LOADS}?dry_run=false", content=b"#" * (512 * 1024 + 1), headers=ADMIN)
    assert too_large.status_code == 413 and await events(runtime) == before
