"""The region file's financing sections (issue 17): a bad one is refused whole, naming every
problem, before anything is written."""

from __future__ import annotations

from pathlib import Path

import pytest

from services.gateway.region.model import RegionFileError, read_region

DEMO = Path(__file__).resolve().parents[3] / "examples" / "regions" / "ijsselland.toml"


def refused(tmp_path: Path, *changes: tuple[str, str]) -> str:
    text = DEMO.read_text(encoding="utf-8")
    for old, new in changes:
        assert old in text
        text = text.replace(old, new, 1)
    bad = tmp_path / "bad.toml"
    bad.write_text(text, encoding="utf-8")
    with pytest.raises(RegionFileError) as error:
        read_region(bad)
    return str(error.value)


def test_the_demo_region_has_a_lump_sum_contributions_and_an_equalisation_key():
    region = read_region(DEMO)
    assert [s.contract for s in region.lump_sums] == ["98000006"]
    assert len(region.ledger.contributions) == 11 and region.ledger.equalisation["2026"].key == "population"


def test_shares_that_do_not_sum_to_100_percent_are_refused(tmp_path):
    message = refused(tmp_path, ('"0193" = 25\n', '"0193" = 24.5\n'))
    assert "lump_sums.0" in message and "shares sum to 99.5 %, not 100 %" in message


def test_an_equalisation_key_that_omits_a_municipality_is_refused_naming_it(tmp_path):
    message = refused(tmp_path, ('"1896" = 23000\n', ''))
    assert "ledger.equalisation.2026: key population omits municipalities ['1896']" in message


def test_a_lump_sum_schedule_that_overlaps_another_for_its_contract_is_refused(tmp_path):
    text = DEMO.read_text(encoding="utf-8")
    start = text.index("[[lump_sums]]")
    block = text[start:text.index("# The region's own ledger")]
    again = block.replace('id = "linde-beschikbaarheid-2026"', 'id = "linde-tweede"').replace("from = 2026-01-01",
                                                                                              "from = 2026-07-01")
    message = refused(tmp_path, ("# The region's own ledger", again + "# The region's own ledger"))
    assert "lump_sums: linde-tweede overlaps linde-beschikbaarheid-2026 for contract 98000006 " \
           "(2026-07-01 to 2026-12-31)" in message


def test_every_problem_is_named_at_once(tmp_path):
    message = refused(tmp_path, ('contract = "98000006"', 'contract = "98000099"'),
                      ('"0193" = 25\n', '"0193" = 26\n'), ('"1896" = 23000\n', '"9999" = 23000\n'),
                      ('municipality = "0193"\nyear = 2026', 'municipality = "0148"\nyear = 2026'))
    for problem in ("unknown contract 98000099", "shares sum to 101 %", "omits municipalities ['1896']",
                    "names unknown municipalities ['9999']", "0148 2026 appears twice"):
        assert problem in message


def test_a_schedule_that_ends_within_a_period_is_refused(tmp_path):
    message = refused(tmp_path, ("to = 2026-12-31\nper = \"month\"", "to = 2026-12-15\nper = \"month\""))
    assert "lump_sums.0 (linde-beschikbaarheid-2026): ends on 2026-12-15, not on the last day of a month" in message
    quarterly = refused(tmp_path, ("to = 2026-12-31\nper = \"month\"", "to = 2026-11-30\nper = \"quarter\""))
    assert "ends on 2026-11-30, not on the last day of a quarter of it" in quarterly



def test_each_problem_is_at_the_key_it_names_with_its_line(tmp_path):
    text = DEMO.read_text(encoding="utf-8").replace('"0193" = 25\n', '"0193" = 24\n', 1).replace(
        'municipality = "0193"\nyear = 2026', 'municipality = "0148"\nyear = 2026', 1)
    bad = tmp_path / "bad.toml"
    bad.write_text(text, encoding="utf-8")
    with pytest.raises(RegionFileError) as error:
        read_region(bad)
    found = {(p.path, p.rule): p.line for p in error.value.problems}
    assert found.keys() == {("lump_sums.0", "financing"), ("ledger.contributions.1", "financing")}
    assert found[("lump_sums.0", "financing")] == text[:text.index("[[lump_sums]]")].count("\n") + 1
