"""`happyflow ijw compare-schemas`: two XSD sets compared element by element."""

import shutil
from pathlib import Path

from typer.testing import CliRunner

from shared.ijw.cli import app
from shared.ijw import validate
from shared.ijw.conformance import compare
from shared.ijw.schemas import BUNDLED_SCHEMA_DIR


def copy(tmp_path: Path) -> Path:
    target = tmp_path / "published"
    shutil.copytree(BUNDLED_SCHEMA_DIR, target, ignore=shutil.ignore_patterns("*.md"))
    return target


def edit(folder: Path, name: str, old: str, new: str) -> None:
    path = folder / name
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_a_copy_laid_out_differently_has_no_differences(tmp_path):
    published = copy(tmp_path)
    edit(published, "JW323.xsd", "<xs:element", "\n<!-- moved -->\n<xs:element")
    assert compare(BUNDLED_SCHEMA_DIR, published) == []


def test_a_narrower_code_list_is_named_with_its_element_path(tmp_path):
    published = copy(tmp_path)
    # LDT_SoortRelatie is the one code list whose line starts at 03
    edit(published, "Basisschema.xsd", '      <xs:enumeration value="03"/><xs:enumeration value="04"/>',
         '      <xs:enumeration value="04"/>')
    paths = {(d.message, d.path) for d in compare(BUNDLED_SCHEMA_DIR, published)}
    assert ("JW301", "Bericht/Client/Relaties/Relatie/Soort") in paths


def test_an_optional_element_made_required_is_a_difference(tmp_path):
    published = copy(tmp_path)
    edit(published, "JW323.xsd", '<xs:element name="ProductTarief" type="ijw:LDT_Bedrag" minOccurs="0"/>',
         '<xs:element name="ProductTarief" type="ijw:LDT_Bedrag"/>')
    (difference,) = compare(BUNDLED_SCHEMA_DIR, published)
    assert difference.path.endswith("Prestatie/ProductTarief") and difference.ours.startswith("0..1")


def test_the_command_exits_1_and_lists_the_differences(tmp_path):
    published = copy(tmp_path)
    edit(published, "JW323.xsd", '<xs:element name="ProductTarief" type="ijw:LDT_Bedrag" minOccurs="0"/>',
         '<xs:element name="ProductTarief" type="ijw:LDT_Bedrag"/>')
    result = CliRunner().invoke(app, ["compare-schemas", str(published)])
    assert result.exit_code == 1 and "ProductTarief" in result.stdout and "1 difference(s)" in result.stdout


def test_a_package_importing_its_basisschema_in_another_case_still_compiles(tmp_path):
    published = copy(tmp_path)
    edit(published, "JW323.xsd", 'schemaLocation="Basisschema.xsd"', 'schemaLocation="basisschema.xsd"')
    example = BUNDLED_SCHEMA_DIR.parents[2] / "examples" / "ijw" / "valid" / "JW323.xml"
    assert validate(example.read_bytes(), schema_dir=published).valid
