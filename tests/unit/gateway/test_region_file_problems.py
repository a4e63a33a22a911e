"""A region file's problems: every one at once, each at its key and line, with the rule it breaks
and never the value it had (a file holds passwords and tokens)."""

from __future__ import annotations

from pathlib import Path

import pytest

from services.gateway.region.locations import Locations
from services.gateway.region.model import RegionFileError, parse_region

DEMO = (Path(__file__).resolve().parents[3] / "examples" / "regions" / "ijsselland.toml").read_text()


def problems_of(text: str) -> list[tuple[str, str, int | None]]:
    with pytest.raises(RegionFileError) as error:
        parse_region(text.encode())
    return [(p.path, p.rule, p.line) for p in error.value.problems]


def line_of(text: str, fragment: str, after: int = 0) -> int:
    return next(n for n, line in enumerate(text.splitlines(), 1) if n > after and fragment in line)


def test_a_syntax_error_is_named_with_its_line_and_column():
    text = DEMO.replace('name = "Dalfsen"', 'name = Dalfsen')
    with pytest.raises(RegionFileError) as error:
        parse_region(text.encode())
    [problem] = error.value.problems
    assert (problem.rule, problem.line, problem.column) == ("toml_syntax", line_of(text, "name = Dalfsen"), 8)


def test_every_shape_problem_is_named_at_its_own_key():
    text = DEMO.replace('code = "0148"', 'code = "148"').replace("INGBNL2A", "XX").replace(
        'name = "Zwolle"', 'name = "Zwolle"\ninwoners = 130000')
    assert problems_of(text) == [
        ("account.bic", "bic", line_of(text, "bic =")),
        ("municipalities.0.inwoners", "extra_forbidden", line_of(text, "inwoners")),
        ("municipalities.1.code", "string_pattern_mismatch", line_of(text, 'code = "148"')),
    ]


def test_a_user_bound_to_a_municipality_the_file_lacks_is_named_at_that_binding():
    text = DEMO.replace('municipalities = ["0150"]', 'municipalities = ["0150", "0999"]')
    assert problems_of(text) == [("staff.1.municipalities.1", "unknown_municipality", line_of(text, '"0999"'))]


def test_a_username_given_twice_is_refused_at_the_second():
    text = DEMO.replace('username = "financien2"', 'username = "financien"')
    staff_2 = line_of(text, 'username = "financien"')
    assert problems_of(text) == [("staff.3.username", "duplicate_username",
                                  line_of(text, 'username = "financien"', after=staff_2))]


def test_a_problem_never_repeats_the_secret_it_is_about():
    text = DEMO.replace("demo-kasboek-ijssel-2026", "Kasboek1").replace("demo = true", "demo = false")
    with pytest.raises(RegionFileError) as error:
        parse_region(text.encode())
    assert "Kasboek1" not in str(error.value) and "demo-gemeente" not in str(error.value)
    assert "Kasboek1" not in repr([p.params for p in error.value.problems])


@pytest.mark.parametrize(("path", "fragment"), [
    (("municipalities", 2, "budgets", "2026", "jeugd-ggz"), "jeugd-ggz = 840000000"),
    (("contracts", 0, "ceiling", "2026"), "ceiling.2026 = 450000000"),
    (("contracts", 1, "tariffs", 1, "cents"), None),
    (("policy", "ceiling_exempt", "products"), "products = []"),
])
def test_locations_follow_tables_arrays_of_tables_and_dotted_keys(path, fragment):
    found = Locations(DEMO.encode()).of(path)
    if fragment is None:  # the second tariff of the second contract
        second_contract = line_of(DEMO, 'provider = "98000002"')
        fragment_line = line_of(DEMO, "cents = 7850", after=second_contract)
    else:
        fragment_line = line_of(DEMO, fragment)
    assert found is not None and found[0] == fragment_line


def test_a_key_that_is_missing_is_placed_at_its_table():
    text = DEMO.replace('roles = ["admin"]\n', "")
    assert problems_of(text) == [("staff.5.roles", "missing", line_of(text, 'username = "beheer"') - 1)]
