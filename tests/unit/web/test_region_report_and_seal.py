"""How the admins' screens read the gateway's report, and the seal that carries an uploaded region
file from its preview to the confirmation."""

from __future__ import annotations

from services.web.pages.region_report import changes_of, field_of, place_of
from services.web.sealed import Sealer

SECRET = "a-workbench-secret-of-at-least-32-characters"


def test_a_place_numbers_the_items_the_file_numbers_and_names_the_keys_it_names():
    assert place_of("staff.2.municipalities.1") == [("key", "staff"), ("item", "3"), ("key", "municipalities"),
                                                   ("item", "2")]
    assert place_of("municipalities.0.budgets.2026.jeugd-ggz") == [
        ("key", "municipalities"), ("item", "1"), ("key", "budgets"), ("key", "2026"), ("key", "jeugd-ggz")]
    assert place_of("") == []


def test_fields_are_read_as_what_they_mean():
    assert (field_of("ceiling.2026", 450000000, 500000000).label, field_of("ceiling.2026", 1, 2).kind) == ("ceiling", "money")
    tariff = field_of("tariffs.45A01 2026-01-01.cents", 7850, 8000)
    assert (tariff.label, tariff.detail, tariff.kind) == ("tariff.cents", "45A01 2026-01-01", "money")
    assert field_of("password", None, "new").kind == "secret" and field_of("roles", None, ["access"]).kind == "roles"
    assert field_of("policy.hold", ["9338"], ["9338", "9339"]).kind == "list"


def test_changes_are_grouped_users_first_with_their_name_roles_and_municipalities_first():
    grouped = changes_of([
        {"kind": "contract", "key": "98000001", "action": "changed", "fields": []},
        {"kind": "staff", "key": "nieuw", "action": "added", "fields": [
            {"field": "tokens", "before": None, "after": 1}, {"field": "municipalities", "before": None, "after": ["0193"]},
            {"field": "roles", "before": None, "after": ["finance"]}]},
    ])
    assert list(grouped) == ["staff", "contract"]
    assert [f.label for f in grouped["staff"][0].fields] == ["roles", "municipalities", "tokens"]


def test_a_sealed_file_opens_only_unchanged_in_the_session_it_was_sealed_for():
    sealer = Sealer(SECRET)
    sealed = sealer.seal(b'password = "geheim"', "session-1")
    assert b"geheim" not in sealed.encode() and sealer.open(sealed, "session-1") == b'password = "geheim"'
    assert sealer.open(sealed, "session-2") is None
    assert sealer.open(sealed[:-4] + ("AAAA" if not sealed.endswith("AAAA") else "BBBB"), "session-1") is None
    assert Sealer(SECRET + "-another").open(sealed, "session-1") is None and sealer.open("not base64 !", "s") is None
