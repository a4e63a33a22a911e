"""The iJw release is a versioned unit chosen by the message's BerichtVersie/BerichtSubversie."""

import shutil
from dataclasses import dataclass
from pathlib import Path

from shared.ijw import validate
from shared.ijw.errors import Finding
from shared.ijw.registry import MessageType
from shared.ijw.releases import IJW_3_2, Release
from shared.ijw.schemas import BUNDLED_SCHEMA_DIR

JW305 = (BUNDLED_SCHEMA_DIR.parents[2] / "examples" / "ijw" / "valid" / "JW305.xml").read_bytes()


def as_release(data: bytes, versie: bytes, subversie: bytes, namespace: bytes) -> bytes:
    return (data.replace(b"/ijw/3_2/", b"/ijw/" + namespace + b"/")
            .replace(b"BerichtVersie>3<", b"BerichtVersie>" + versie + b"<")
            .replace(b"BerichtSubversie>2<", b"BerichtSubversie>" + subversie + b"<"))


def test_a_message_of_a_release_we_do_not_read_is_refused_at_level_1_naming_cs015():
    report = validate(as_release(JW305, b"3", b"3", b"3_3"))
    (finding,) = report.findings
    assert (finding.rule, finding.line, finding.column) == ("CS015", 6, 5) and "iJw 3.3" in finding.message


def test_another_major_release_is_refused_naming_cs025():
    (finding,) = validate(as_release(JW305, b"4", b"0", b"4_0")).findings
    assert finding.rule == "CS025" and "iJw 4.0" in finding.message


@dataclass(frozen=True)
class Started:
    """The model of a made-up release's JW305: only what the test needs."""

    bsn: str
    code = "305"


def made_up_release(tmp_path: Path) -> Release:
    """iJw 9.9: the 3.2 XSDs in another namespace with other version fields, its own mapping and rule."""
    folder = tmp_path / "9.9"
    shutil.copytree(BUNDLED_SCHEMA_DIR, folder, ignore=shutil.ignore_patterns("*.md"))
    for xsd in folder.glob("*.xsd"):
        text = xsd.read_text(encoding="utf-8").replace("/ijw/3_2/", "/ijw/9_9/")
        xsd.write_text(text.replace('<xs:pattern value="3"/>', '<xs:pattern value="9"/>')
                       .replace('<xs:pattern value="2"/>', '<xs:pattern value="9"/>'), encoding="utf-8")
    ns = "{http://www.istandaarden.nl/ijw/9_9/jw305/schema}"
    started = MessageType("305", "438", Started, lambda root: Started(root.findtext(f"{ns}Client/{ns}Bsn")), None)
    return Release("9.9", "9", "9", "9_9", folder, {"305": started},
                   {"305": lambda m: [Finding("XX999", f"made-up rule on {m.bsn}")]})


def test_a_second_release_beside_3_2_reads_its_own_messages_with_its_own_xsds_and_rules(tmp_path):
    releases = (IJW_3_2, made_up_release(tmp_path))
    report = validate(as_release(JW305, b"9", b"9", b"9_9"), releases=releases)
    assert report.release == "9.9" and [f.rule for f in report.findings] == ["XX999"]


def test_beside_a_second_release_a_3_2_message_is_still_read_as_3_2(tmp_path):
    report = validate(JW305, releases=(IJW_3_2, made_up_release(tmp_path)))
    assert report.release == "3.2" and report.valid


def test_the_release_names_its_code_lists():
    assert {"0001", "8001", "S329", "0611"} <= IJW_3_2.codes("LDT_RetourCode")
