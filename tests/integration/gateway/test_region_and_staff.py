"""The region file creates parties and staff, idempotently; staff sign in and only admins read
the audit log."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from services.cli import app
from services.gateway.region.loader import load_region
from services.gateway.region.model import RegionFileError, read_region
from shared.auth.principal import Role
from tests.support.embedded import embedded_app, settle

DEMO = Path(__file__).resolve().parents[3] / "examples" / "regions" / "ijsselland.toml"


@pytest.fixture
async def demo(tmp_path: Path):  # type: ignore[no-untyped-def]
    async with embedded_app(tmp_path) as (runtime, client):
        await load_region(runtime.container("gateway").context, read_region(DEMO))
        yield runtime, client


async def test_the_demo_region_creates_parties_whose_tokens_work(demo):
    _, client = demo
    inbox = await client.get("/gateway/v1/mailbox", headers={"Authorization": "Bearer demo-aanbieder-98000001"})
    assert inbox.status_code == 200 and inbox.json() == []


async def test_loading_the_same_region_file_twice_changes_nothing(demo):
    runtime, _ = demo
    db = runtime.container("gateway").db
    before = len(await db.read_all(limit=10_000))
    report = await load_region(runtime.container("gateway").context, read_region(DEMO))
    assert not report.changed and len(await db.read_all(limit=10_000)) == before


async def test_a_changed_region_file_becomes_only_the_events_of_its_change(demo, tmp_path):
    runtime, client = demo
    changed = tmp_path / "r.toml"
    changed.write_text(DEMO.read_text().replace('tokens = ["demo-aanbieder-98000002"]',
                                                'tokens = ["demo-aanbieder-98000002", "rotated-token-98000002"]'))
    report = await load_region(runtime.container("gateway").context, read_region(changed))
    assert (report.parties, report.staff, report.sections) == (1, 0, ("parties",))  # payments learns the token
    inbox = await client.get("/gateway/v1/mailbox", headers={"Authorization": "Bearer rotated-token-98000002"})
    assert inbox.status_code == 200
    await settle(runtime)
    specs = await client.get("/payments/v1/specifications", headers={"Authorization": "Bearer rotated-token-98000002"})
    assert specs.status_code == 200


def test_a_bad_region_file_is_refused_with_every_problem_named(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text(DEMO.read_text().replace('code = "0193"', 'code = "193"').replace("INGBNL2A", "XX"))
    with pytest.raises(RegionFileError) as error:
        read_region(bad)
    assert "municipalities.0.code" in str(error.value) and "account.bic" in str(error.value)


def line_of(text: str, fragment: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), 1) if fragment in line)


def test_a_weak_staff_password_is_refused_naming_the_user_the_line_and_the_rule(tmp_path):
    bad = tmp_path / "bad.toml"
    text = DEMO.read_text().replace("demo-kasboek-ijssel-2026", "aaaaaaaaaa").replace(
        "demo-sleutelbos-2026", "beheer-sleutelbos-2026")
    bad.write_text(text)
    with pytest.raises(RegionFileError) as error:
        read_region(bad)
    assert (f"staff.2.password (line {line_of(text, 'aaaaaaaaaa')}): password must be 12 to 128 characters long"
            in str(error.value))
    assert (f"staff.5.password (line {line_of(text, 'beheer-sleutelbos')}): password must not contain the username"
            in str(error.value))
    assert [(p.rule, p.params["reasons"]) for p in error.value.problems] == [
        ("password_policy", ["length"]), ("password_policy", ["username"])]


async def test_registering_a_staff_user_with_a_weak_password_is_refused_and_writes_nothing(demo):
    from services.gateway.adapters import store
    from services.gateway.handlers.parties import StaffSpec, register_staff
    from shared.auth.policy import WeakPassword

    runtime, _ = demo
    gw = runtime.container("gateway").context
    with pytest.raises(WeakPassword, match="must be 12 to 128"):
        await register_staff(gw, StaffSpec("nieuw", (Role.FINANCE,), ("0193",), password="aaaaaaaaaa"))
    assert await store.staff_user(gw.db.engines.read, "nieuw") is None


def test_a_region_not_marked_as_the_demo_refuses_readable_tokens_without_showing_them(tmp_path):
    real = tmp_path / "real.toml"
    real.write_text(DEMO.read_text().replace("demo = true", "demo = false"))
    with pytest.raises(RegionFileError) as error:
        read_region(real)
    assert (f"municipalities.0.tokens.0 (line {line_of(DEMO.read_text(), 'demo-gemeente-0193')}): token must be "
            "32 to 256 characters long") in str(error.value)
    assert "staff.4.tokens.0" in str(error.value) and "demo-" not in str(error.value)


def test_a_ceiling_policy_the_services_cannot_apply_is_refused_before_anything_is_written(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text(DEMO.read_text().replace('beyond_ceiling = "hold"', 'beyond_ceiling = "reject"')
                   .replace("ceiling_warn_at = [70, 95]", "ceiling_warn_at = [70, 120]"))
    with pytest.raises(RegionFileError) as error:
        read_region(bad)
    assert "policy.beyond_ceiling" in str(error.value) and "policy.ceiling_warn_at.1" in str(error.value)


def test_a_name_for_a_budget_line_nothing_uses_is_refused_as_a_typo(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text(DEMO.read_text().replace('jeugd-ggz = "Jeugd-ggz"', 'jeugd-gzz = "Jeugd-ggz"'))
    with pytest.raises(RegionFileError) as error:
        read_region(bad)
    assert "budget_lines" in str(error.value) and "jeugd-gzz" in str(error.value)


def test_region_load_command_refuses_a_bad_file_and_writes_nothing(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "bad.toml").write_text('name = "x"\n')
    result = CliRunner().invoke(app, ["region", "load", "bad.toml"])
    assert result.exit_code == 2 and "account" in result.output
    assert not (tmp_path / "var" / "gateway.db").exists() or "parties" not in result.output


async def test_staff_sign_in_with_a_password_and_get_a_session(demo):
    _, client = demo
    login = await client.post("/auth/login", json={"username": "financien", "password": "demo-kasboek-ijssel-2026"})
    assert login.status_code == 200 and login.json()["roles"] == ["finance"]
    me = await client.get("/auth/me")  # the session cookie is sent back
    assert me.json()["username"] == "financien" and len(me.json()["municipalities"]) == 11


async def test_a_wrong_password_is_refused_and_audited(demo):
    runtime, client = demo
    assert (await client.post("/auth/login", json={"username": "beheer", "password": "guess"})).status_code == 401
    await settle(runtime)
    page = (await client.get("/gateway/v1/audit", params={"action": "login"},
                             headers={"Authorization": "Bearer demo-staff-beheer"})).json()
    assert [(e["user"], e["outcome"]) for e in page["items"]] == [("beheer", "refused")]


async def test_only_admins_read_the_audit_log(demo):
    _, client = demo
    finance = await client.get("/gateway/v1/audit", headers={"Authorization": "Bearer demo-staff-financien"})
    assert finance.status_code == 403
    assert (await client.get("/gateway/v1/audit")).status_code == 401


async def test_staff_passwords_are_stored_only_as_scrypt_hashes(demo):
    runtime, _ = demo
    import sqlalchemy as sa

    from services.gateway.adapters.tables import staff_passwords
    async with runtime.container("gateway").db.engines.read.connect() as conn:
        hashes = list(await conn.scalars(sa.select(staff_passwords.c.password_hash)))
    assert hashes and all(h.startswith("scrypt$") and "demo-" not in h for h in hashes)


async def test_every_service_learns_the_staff_identities_without_their_passwords(demo):
    from shared.auth.directory import StaffDirectory
    from shared.auth.secrets import token_hash
    from tests.support.embedded import settle

    runtime, _ = demo
    await settle(runtime)
    for name in ("allocation", "invoicing", "payments"):
        db = runtime.container(name).db
        directory = StaffDirectory(db.engines.read, db.tables.staff, db.tables.staff_tokens, db.tables.staff_sessions)
        found = await directory.by_token(token_hash("demo-staff-toegang.zwolle"))
        assert found is not None and found.municipalities == {"0193"} and found.has(Role.ACCESS)


async def test_the_directory_names_your_municipalities_and_every_provider(demo):
    _, client = demo
    zwolle = (await client.get("/gateway/v1/directory", headers={"Authorization": "Bearer demo-staff-toegang.zwolle"})).json()
    assert zwolle["municipalities"] == [{"code": "0193", "name": "Zwolle"}]
    assert {"code": "98000001", "name": "De Vechtstroom Jeugdhulp"} in zwolle["providers"]
    regional = (await client.get("/gateway/v1/directory", headers={"Authorization": "Bearer demo-staff-financien"})).json()
    assert len(regional["municipalities"]) == 11 and not any(p["code"] == "98009999" for p in regional["providers"])


@pytest.mark.parametrize("value", ["0", "-100", '"1000"', "1.5", "true"])
def test_a_four_eyes_threshold_that_is_not_a_positive_amount_in_eurocents_is_refused(tmp_path, value):
    bad = tmp_path / "bad.toml"
    bad.write_text(DEMO.read_text().replace("four_eyes_from = 250000", f"four_eyes_from = {value}"))
    with pytest.raises(RegionFileError, match="policy.four_eyes_from"):
        read_region(bad)


def test_ceiling_exemptions_that_name_no_category_product_or_allocation_are_refused(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text(DEMO.read_text().replace("categories = []\nproducts = []\nallocations = []",
                                            'categories = ["crisis"]\nproducts = ["45a01"]\nallocations = ["300201"]'))
    with pytest.raises(RegionFileError) as error:
        read_region(bad)
    named = ("categories", "products", "allocations")
    assert all(f"policy.ceiling_exempt.{name}.0" in str(error.value) for name in named)


def test_a_region_file_that_leaves_a_product_or_contract_out_of_the_lots_is_refused_naming_each(tmp_path):
    """Issue 17: every product and contract belongs to a lot; a product goes to one subcontractor."""
    bad = tmp_path / "bad.toml"
    bad.write_text(DEMO.read_text()
                   .replace('budget_line = "jeugd-beperking"\ncategory = "40"', 'category = "40"')
                   .replace('provider = "98000005"\nbudget_line = "jeugd-ggz"\n', 'provider = "98000005"\n')
                   .replace('products = ["41A01"]', 'products = ["45A03"]'))
    with pytest.raises(RegionFileError) as error:
        read_region(bad)
    message = str(error.value)
    assert "products.7 (40A01): belongs to no lot" in message
    assert "(98000005): belongs to no lot: budget_line is missing" in message
    assert "45A03 is given to both 98100011 and 98100012" in message


def test_an_outcome_clause_needs_either_a_bonus_or_a_malus(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text(DEMO.read_text().replace("malus = 500000\n", ""))
    with pytest.raises(RegionFileError) as error:
        read_region(bad)
    assert "outcomes.0: Value error, give either bonus or malus" in str(error.value)
