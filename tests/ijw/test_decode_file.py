"""decode() of a seekable file answers as decode() of its bytes: the same model, the same findings
(the gateway decodes a posted message from the file it spooled it to)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from shared.ijw import IjwError, decode, encode
from shared.ijw.codec import STREAM_THRESHOLD
from tests.ijw import story
from tests.ijw.test_codec import big_declaration


def decoded_both_ways(data: bytes, path: Path, **options: object) -> tuple[object, object]:
    path.write_bytes(data)
    outcomes = []
    for source in (data, None):
        try:
            with path.open("rb") as file:
                outcomes.append(decode(source if source is not None else file, **options))  # type: ignore[arg-type]
        except IjwError as refused:
            outcomes.append(refused.findings)
    return outcomes[0], outcomes[1]


def big_allocation():  # type: ignore[no-untyped-def]
    message = story.jw301()
    allocations = tuple(replace(story.allocation(), number=n, comment="x" * 4000) for n in range(600))
    return replace(message, client=replace(message.client, allocations=allocations))


@pytest.mark.parametrize("message", [story.jw323(), big_declaration(3000), big_allocation()],
                         ids=["small JW323", "big JW323, streamed", "big JW301, read whole"])
def test_a_file_decodes_to_the_model_its_bytes_decode_to(message, tmp_path):  # type: ignore[no-untyped-def]
    data = encode(message)
    from_bytes, from_file = decoded_both_ways(data, tmp_path / "m.xml")
    assert from_file == from_bytes == message


def test_a_big_file_with_a_late_schema_error_is_refused_with_the_findings_of_its_bytes(tmp_path):  # type: ignore[no-untyped-def]
    data = encode(big_declaration(3000))
    last = data.rindex(b"<jw323:Eenheid>04<")
    broken = data[:last] + b"<jw323:Eenheid>05<" + data[last + len(b"<jw323:Eenheid>04<"):]
    from_bytes, from_file = decoded_both_ways(broken, tmp_path / "m.xml")
    assert isinstance(from_file, list) and from_file == from_bytes
    assert [(f.rule, f.location) for f in from_file] == [
        ("XSD", "/Bericht[1]/Declaratie[1]/Clienten[1]/Client[1]/Prestaties[1]/Prestatie[3000]/Eenheid[1]")]


@pytest.mark.parametrize("head", [b"\xef\xbb\xbf", b'<?xml version="1.0" encoding="ISO-8859-1"?>\n'])
def test_a_big_file_with_a_bad_prolog_is_refused_as_its_bytes_are(head, tmp_path):  # type: ignore[no-untyped-def]
    data = encode(big_declaration(3000))
    bad = head + data if head.startswith(b"\xef") else head + data[data.index(b"\n") + 1:]
    from_bytes, from_file = decoded_both_ways(bad, tmp_path / "m.xml")
    assert from_file == from_bytes and from_file[0].rule == "ENCODING"  # type: ignore[index]


def test_a_file_over_the_size_limit_is_refused_as_its_bytes_are(tmp_path):  # type: ignore[no-untyped-def]
    data = encode(big_declaration(3000))
    from_bytes, from_file = decoded_both_ways(data, tmp_path / "m.xml", max_bytes=STREAM_THRESHOLD)
    assert from_file == from_bytes and [f.rule for f in from_file] == ["SIZE"]  # type: ignore[union-attr]
