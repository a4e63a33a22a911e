"""The files and the manifest the end-to-end test and the benchmarks read."""

from __future__ import annotations

import json
from dataclasses import replace

from typer.testing import CliRunner

from services.demo.cli import app
from services.demo.files import read_manifest, write_files
from services.demo.scenario import build_scenario
from shared.ijw import decode
from tests.unit.demo.conftest import SMALL

TINY = replace(SMALL, clients=5, months=1)


def test_files_sort_in_sending_order_and_the_manifest_names_each_with_its_lines(region, tmp_path):
    scenario = build_scenario(region, TINY)
    write_files(scenario, tmp_path)
    manifest = read_manifest(tmp_path)
    files = [entry["file"] for entry in manifest["messages"]]
    assert files == sorted(files) == sorted(str(p.relative_to(tmp_path)) for p in tmp_path.rglob("*.xml"))
    first_323 = next(e for e in manifest["messages"] if e["code"] == "JW323")
    message = decode((tmp_path / first_323["file"]).read_bytes())
    assert first_323["sender"] == message.header.sender and first_323["kind"] == "declaration"
    assert [x["reference"] for x in first_323["lines"]] == [
        line.reference for c in message.declaration.clients for line in c.lines]
    assert all(x["expected"] == "approve" or isinstance(x["expected"], list) for x in first_323["lines"])


def test_the_manifest_holds_integer_cents_that_add_up(region, tmp_path):
    write_files(build_scenario(region, TINY), tmp_path)
    manifest = json.loads((tmp_path / "manifest.json").read_text())
    for entry in (e for e in manifest["messages"] if e["code"] == "JW323"):
        amounts = [line["amount_cents"] for line in entry["lines"]]
        assert all(isinstance(a, int) for a in amounts)
        assert sum(amounts) == entry["declaration"]["total_cents"]


def test_the_generate_command_writes_files_and_prints_a_summary(tmp_path):
    result = CliRunner().invoke(app, ["--out", str(tmp_path / "out"), "--municipalities", "2", "--clients", "4",
                                      "--months", "2", "--first-month", "2026-04", "--seed", "3", "--error-rate", "2"])
    assert result.exit_code == 0, result.output
    manifest = read_manifest(tmp_path / "out")
    assert manifest["options"]["first_month"] == "2026-04" and manifest["options"]["error_rates"]["duplicate"] == 0.02
    assert "declaration lines" in result.output and "expected: approve" in result.output


def test_generating_twice_into_the_same_directory_needs_replace(tmp_path):
    arguments = ["--out", str(tmp_path), "--municipalities", "1", "--clients", "3"]
    assert CliRunner().invoke(app, arguments).exit_code == 0
    assert CliRunner().invoke(app, arguments).exit_code == 1
    assert CliRunner().invoke(app, [*arguments, "--replace", "--seed", "9"]).exit_code == 0
    assert read_manifest(tmp_path)["options"]["seed"] == 9
