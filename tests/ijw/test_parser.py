"""The hardened parser is safe on its own, not only behind the DOCTYPE pre-check."""

import pytest
from lxml import etree

from shared.ijw.parsing import MAX_BYTES, hardened_parser, parser_options


def test_parser_options_are_the_hardened_ones():
    assert parser_options() == {"resolve_entities": False, "no_network": True, "load_dtd": False,
                                "dtd_validation": False, "huge_tree": False}


def test_parser_never_reads_an_external_entity(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOPSECRET")
    xxe = f'<!DOCTYPE a [<!ENTITY x SYSTEM "{secret.as_uri()}">]><a>&x;</a>'.encode()
    root = etree.fromstring(xxe, hardened_parser())
    assert b"TOPSECRET" not in etree.tostring(root)


def test_parser_refuses_nesting_deeper_than_256():
    with pytest.raises(etree.XMLSyntaxError):
        etree.fromstring(b"<a>" * 300 + b"</a>" * 300, hardened_parser())


def test_parser_accepts_nesting_of_255():
    assert etree.fromstring(b"<a>" * 255 + b"</a>" * 255, hardened_parser()) is not None


def test_size_limit_is_25_megabytes():
    assert MAX_BYTES == 25 * 1024 * 1024
