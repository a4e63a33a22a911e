import io
import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from shared.ijw import BUNDLED_SCHEMA_DIR, IjwError, decode, decode_jw323_stream, encode, message_code
from shared.ijw.codec import STREAM_THRESHOLD
from tests.ijw import story

VALID = Path(__file__).resolve().parents[2] / "examples" / "ijw" / "valid"


def test_bundled_schemas_live_in_the_repository():
    assert BUNDLED_SCHEMA_DIR == Path(__file__).resolve().parents[2] / "schemas" / "iJw" / "3.2"


def test_message_code_reads_the_berichtcode_without_decoding():
    assert message_code((VALID / "JW325.xml").read_bytes()) == "325"


def test_message_code_of_something_else_is_none():
    assert message_code(b"<html/>") is None


def test_decode_gives_typed_values_money_in_cents_and_dates():
    line = decode((VALID / "JW323.xml").read_bytes()).declaration.clients[0].lines[0]
    assert (line.tariff, line.amount.cents, line.period.start.isoformat()) == (7500, 60000, "2026-04-01")


def test_encode_refuses_a_model_that_breaks_the_schema():
    message = story.jw323(story.line(product_code="TOOLONG"))
    with pytest.raises(IjwError) as refused:
        encode(message)
    assert refused.value.rules == ["XSD"]


def position(data: bytes, needle: bytes, start: int = 0) -> tuple[int, int]:
    """Line and column (1-based) of `needle` in `data`, as an editor shows them."""
    at = data.index(needle, start)
    return data[:at].count(b"\n") + 1, at - (data.rfind(b"\n", 0, at) + 1) + 1


def test_decode_reports_schema_errors_with_line_and_column():
    data = (VALID / "JW323.xml").read_bytes().replace(b"<jw323:Eenheid>04<", b"<jw323:Eenheid>05<")
    with pytest.raises(IjwError) as refused:
        decode(data)
    assert [(f.rule, f.line, f.column, f.location) for f in refused.value.findings] == [
        ("XSD", *position(data, b"<jw323:Eenheid>05<"), "/Bericht/Declaratie/Clienten/Client/Prestaties/Prestatie/Eenheid")]


def test_two_errors_on_one_line_each_get_the_column_of_their_own_element():
    data = encode(story.jw323(story.line(), story.line(reference="R101", product_code="55A12")))
    one_line = data.replace(b"\r\n  ", b"").replace(b"\r\n", b"").replace(b"<jw323:Eenheid>04<", b"<jw323:Eenheid>05<")
    with pytest.raises(IjwError) as refused:
        decode(one_line)
    first = position(one_line, b"<jw323:Eenheid>05<")
    second = position(one_line, b"<jw323:Eenheid>05<", one_line.index(b"<jw323:Eenheid>05<") + 1)
    assert [(f.line, f.column) for f in refused.value.findings] == [first, second]


def test_berichtcode_must_match_the_message_namespace():
    data = (VALID / "JW323.xml").read_bytes().replace(b">490<", b">491<")
    with pytest.raises(IjwError) as refused:
        decode(data)
    assert refused.value.rules == ["XSD"]


def test_schema_dir_switches_validation_to_another_package(tmp_path):
    shutil.copytree(BUNDLED_SCHEMA_DIR, tmp_path, dirs_exist_ok=True)
    strict = (tmp_path / "JW323.xsd").read_text().replace('name="ProductTarief" type="ijw:LDT_Bedrag" minOccurs="0"',
                                                           'name="ProductTarief" type="ijw:LDT_Bedrag" minOccurs="2"')
    (tmp_path / "jw323.xsd").write_text(strict)
    (tmp_path / "JW323.xsd").unlink()
    with pytest.raises(IjwError):
        decode((VALID / "JW323.xml").read_bytes(), schema_dir=tmp_path)


def test_missing_schema_package_is_a_schema_finding(tmp_path):
    with pytest.raises(IjwError) as refused:
        decode((VALID / "JW323.xml").read_bytes(), schema_dir=tmp_path)
    assert refused.value.rules == ["SCHEMA"]


def big_declaration(lines: int):
    return story.jw323(*[story.line(reference=f"R{n}", allocation_number=n) for n in range(lines)])


def test_streaming_decode_equals_tree_decode():
    data = encode(big_declaration(50))
    assert decode_jw323_stream(io.BytesIO(data)) == decode(data)


def test_big_declaration_is_decoded_by_streaming_and_equals_the_model():
    message = big_declaration(3000)
    data = encode(message)
    assert len(data) > STREAM_THRESHOLD
    assert decode(data) == message


def test_streaming_refuses_a_late_schema_error_naming_its_line_and_column():
    data = encode(big_declaration(3000))
    last = data.rindex(b"<jw323:Eenheid>04<")
    broken = data[:last] + b"<jw323:Eenheid>05<" + data[last + len(b"<jw323:Eenheid>04<"):]
    with pytest.raises(IjwError) as refused:
        decode(broken)
    (finding,) = refused.value.findings
    assert (finding.rule, finding.line, finding.column) == ("XSD", *position(broken, b"<jw323:Eenheid>05<", last))
    assert finding.location == "/Bericht[1]/Declaratie[1]/Clienten[1]/Client[1]/Prestaties[1]/Prestatie[3000]/Eenheid[1]"


def test_streaming_stops_a_flood_of_unexpected_elements():
    data = encode(story.jw323()).replace(b"</jw323:Bsn>", b"</jw323:Bsn>" + b"<x/>" * 1_000_000)
    with pytest.raises(IjwError) as refused:
        decode(data)
    assert refused.value.rules == ["XSD"]


def test_big_non_declaration_is_validated_while_streaming():
    message = story.jw301()
    comment = "x" * 4000
    allocations = tuple(replace(story.allocation(), number=n, comment=comment) for n in range(600))
    big = replace(message, client=replace(message.client, allocations=allocations))
    data = encode(big)
    assert len(data) > STREAM_THRESHOLD
    assert decode(data) == big


def test_encoded_message_is_utf8_without_bom_with_crlf_line_ends():
    data = encode(story.jw323())
    assert data.startswith(b'<?xml version="1.0" encoding="UTF-8"?>\r\n')
    assert b"\n" not in data.replace(b"\r\n", b"")


def test_schema_valid_value_python_cannot_hold_is_a_value_finding():
    data = (VALID / "JW301.xml").read_bytes().replace(b"12:34:56", b"24:00:00")
    with pytest.raises(IjwError) as refused:
        decode(data)
    assert refused.value.rules == ["VALUE"]


def test_streaming_reports_a_prestatie_missing_an_element_as_a_schema_error():
    data = encode(big_declaration(3000))
    cut = data.index(b"<jw323:ToewijzingNummer>", len(data) // 2)
    broken = data[:cut] + data[data.index(b"</jw323:ToewijzingNummer>", cut) + len(b"</jw323:ToewijzingNummer>"):]
    with pytest.raises(IjwError) as refused:
        decode(broken)
    assert refused.value.rules == ["XSD"]
