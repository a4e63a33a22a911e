from dataclasses import replace
from pathlib import Path

import pytest

from shared.ijw import encode, validate
from shared.ijw.codec import STREAM_THRESHOLD
from tests.ijw import story

INVALID = sorted((Path(__file__).resolve().parents[2] / "examples" / "ijw" / "invalid").glob("*.xml"))


def rules_named_in(path: Path) -> set[str]:
    """`JW301_CD077-CD078_...`: rules that cannot be broken one without the other share a file."""
    return set(path.stem.split("_")[1].split("-"))


@pytest.mark.parametrize("path", INVALID, ids=lambda p: p.stem)
def test_invalid_example_fails_with_exactly_its_rules(path):
    report = validate(path.read_bytes())
    assert {f.rule for f in report.findings} == rules_named_in(path)


def test_there_is_an_invalid_example_for_every_jw323_rule():
    rules = set().union(*(rules_named_in(p) for p in INVALID if p.stem.startswith("JW323_")))
    assert rules == {"CS002", "CS100", "CS319", "CS325", "CS337", "CS339", "CS340", "CD060", "CD087",
                     "TR101", "TR134", "TR137", "TR315", "TR316", "TR335", "TR358", "TR416"}


def test_level_two_finding_names_field_element_path_line_and_column():
    path = next(p for p in INVALID if p.stem.startswith("JW323_CD087"))
    (finding,) = validate(path.read_bytes()).findings
    assert finding.field == "declaration.clients[0].lines[0].tariff"
    assert finding.location == "/Bericht/Declaratie/Clienten/Client[1]/Prestaties/Prestatie[1]/ProductTarief"
    # ProductTarief is missing: the finding points at the Prestatie it belongs in
    assert (finding.line, finding.column) == (path.read_bytes().split(b"\n").index(b"          <jw323:Prestatie>\r") + 1, 11)


def test_level_two_findings_in_a_streamed_declaration_have_line_and_column():
    lines = [story.line(reference=f"R{n}", allocation_number=n) for n in range(3000)]
    lines[2500] = replace(lines[2500], previous_reference="R7")  # CD060: a debet naming a previous line
    data = encode(story.jw323(*lines))
    assert len(data) > STREAM_THRESHOLD
    (finding,) = [f for f in validate(data).findings if f.rule == "CD060"]
    at = data.index(b"<ijw:VorigReferentieNummer>R7<")
    assert (finding.line, finding.column) == (data[:at].count(b"\n") + 1, at - data.rfind(b"\n", 0, at))
