"""The same seed gives the same files, byte for byte; another seed gives other traffic."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from services.demo.files import write_files
from services.demo.scenario import build_scenario
from tests.unit.demo.conftest import SMALL

TINY = replace(SMALL, clients=6)


def _files(directory: Path) -> dict[str, bytes]:
    return {str(p.relative_to(directory)): p.read_bytes() for p in sorted(directory.rglob("*")) if p.is_file()}


def test_the_same_seed_gives_byte_identical_files(region, tmp_path):
    write_files(build_scenario(region, TINY), tmp_path / "a")
    write_files(build_scenario(region, TINY), tmp_path / "b")
    first, second = _files(tmp_path / "a"), _files(tmp_path / "b")
    assert len(first) > 10 and first == second


def test_different_seeds_give_different_clients_and_lines(region):
    one = build_scenario(region, TINY)
    other = build_scenario(region, replace(TINY, seed=TINY.seed + 1))
    assert {line.bsn for line in one.lines}.isdisjoint({line.bsn for line in other.lines})
    assert [line.amount for line in one.lines] != [line.amount for line in other.lines]
