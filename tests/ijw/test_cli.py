import json
from pathlib import Path

from typer.testing import CliRunner

from shared.ijw.cli import app

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "ijw"
VALID = EXAMPLES / "valid" / "JW323.xml"
TR101 = EXAMPLES / "invalid" / "JW323_TR101_duplicate_reference.xml"
CS319 = EXAMPLES / "invalid" / "JW323_CS319_declaration_number_not_alphanumeric.xml"


def run(*args: str):
    return CliRunner().invoke(app, ["check", *args])


def test_valid_file_prints_message_code_and_valid_and_exits_0():
    result = run(str(VALID))
    assert result.exit_code == 0
    assert result.stdout.strip() == f"{VALID}: JW323 valid"


def test_level_two_error_prints_rule_and_location_and_exits_1():
    result = run(str(TR101))
    assert result.exit_code == 1
    assert ("TR101 at line 54, column 15, /Bericht/Declaratie/Clienten/Client[1]/Prestaties/Prestatie[2]/"
            "ProductReferentie/ReferentieNummer") in result.stdout


def test_schema_error_prints_rule_and_line():
    result = run(str(CS319))
    assert "CS319 at line 19" in result.stdout


def test_one_invalid_file_among_valid_ones_exits_1():
    assert run(str(VALID), str(TR101)).exit_code == 1


def test_all_valid_files_exit_0():
    assert run(*[str(p) for p in sorted((EXAMPLES / "valid").glob("*.xml"))]).exit_code == 0


def test_json_output_lists_each_file_with_its_findings():
    report = json.loads(run("--json", str(VALID), str(TR101)).stdout)
    assert [(r["message"], r["valid"]) for r in report] == [("JW323", True), ("JW323", False)]
    assert {f["rule"] for f in report[1]["findings"]} == {"TR101"}


def test_missing_file_is_reported_not_crashed(tmp_path):
    result = run(str(tmp_path / "absent.xml"))
    assert result.exit_code == 1
    assert "FILE" in result.stdout


def test_schema_dir_option_points_validation_at_another_package(tmp_path):
    result = run("--schema-dir", str(tmp_path), str(VALID))
    assert result.exit_code == 1
    assert "SCHEMA" in result.stdout
