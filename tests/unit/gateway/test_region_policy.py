"""The region file's new rules: the reporting threshold is a percent (more than 0, at most 3, two
decimals) or an amount, for the region or for its own municipalities; an auditor is bound to every
municipality of the region."""

from __future__ import annotations

from pathlib import Path

import pytest

from services.gateway.region.model import RegionFileError, read_region

DEMO = Path(__file__).resolve().parents[3] / "examples" / "regions" / "ijsselland.toml"
THRESHOLD = 'reporting_threshold = { percent = 1 }'


def region_with(tmp_path: Path, old: str, new: str) -> Path:
    text = DEMO.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "region.toml"
    path.write_text(text.replace(old, new), encoding="utf-8")
    return path


@pytest.mark.parametrize("threshold,problem", [
    ("{ percent = 4 }", "less than or equal to 3"), ("{ percent = 0 }", "greater than 0"),
    ("{ percent = 1.255 }", "decimal places"), ("{ amount = -5 }", "greater than or equal to 1"),
    ("{ percent = 1, amount = 100 }", "not both or neither"), ("{ }", "not both or neither")])
def test_a_bad_reporting_threshold_is_refused_naming_it(tmp_path, threshold, problem):
    with pytest.raises(RegionFileError, match="reporting_threshold") as refused:
        read_region(region_with(tmp_path, THRESHOLD, f"reporting_threshold = {threshold}"))
    assert problem in str(refused.value)


def test_a_threshold_for_a_municipality_outside_the_region_is_refused(tmp_path):
    path = region_with(tmp_path, '"0193" = { amount = 5000000 }', '"9999" = { amount = 5000000 }')
    with pytest.raises(RegionFileError, match=r"reporting_thresholds.9999 .*municipality 9999 is not in the file"):
        read_region(path)


def test_an_auditor_bound_to_some_municipalities_only_is_refused(tmp_path):
    text = DEMO.read_text(encoding="utf-8")
    auditor = text[text.index('username = "accountant"'):]
    bound = auditor.split("\n")[2]
    path = region_with(tmp_path, auditor, auditor.replace(bound, 'municipalities = ["0193"]'))
    with pytest.raises(RegionFileError, match="an auditor reads every municipality of the region"):
        read_region(path)
