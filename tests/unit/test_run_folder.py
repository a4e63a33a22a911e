"""What the suite's workers share is built once per run (tests/support/run_folder.py), and a build
that failed is built again rather than used half-made."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.run_folder import RUN_FOLDER, built_once


@pytest.fixture(autouse=True)
def run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv(RUN_FOLDER, str(tmp_path))
    return tmp_path


def build(name: str, builds: list[Path], fail: bool = False) -> Path:
    with built_once(name) as (folder, to_build):
        if to_build:
            builds.append(folder)
            (folder / "made.db").write_text(f"build {len(builds)}")
            if fail:
                (folder / "half.db").write_text("half made")
                raise RuntimeError("the build broke")
    return folder


def test_the_first_to_ask_builds_and_the_next_finds_it_built() -> None:
    builds: list[Path] = []
    first, second = build("migrated", builds), build("migrated", builds)
    assert first == second and builds == [first]
    assert (second / "made.db").read_text() == "build 1"
    assert build("loaded", builds) != first and len(builds) == 2


def test_a_build_that_failed_is_made_again_from_an_empty_folder() -> None:
    builds: list[Path] = []
    with pytest.raises(RuntimeError):
        build("month", builds, fail=True)
    folder = build("month", builds)
    assert len(builds) == 2 and (folder / "made.db").read_text() == "build 2"
    assert [p.name for p in folder.iterdir()] == ["made.db"]
