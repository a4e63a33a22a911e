"""No BSN in application logs: valid BSNs are masked wherever they appear; other numbers stay."""

import json

import structlog

from shared.log import MASK, configure_logging


def logged(capsys, **fields) -> dict:
    configure_logging("json", "INFO")
    structlog.get_logger("test").info("line received", **fields)
    return json.loads(capsys.readouterr().out.strip().splitlines()[-1])


def test_a_valid_bsn_inside_a_message_text_is_masked(capsys):
    out = logged(capsys, detail="client 999990019 has no allocation")
    assert "999990019" not in json.dumps(out) and MASK in out["detail"]


def test_a_bsn_field_is_masked_whatever_it_holds(capsys):
    assert logged(capsys, bsn="123")["bsn"] == MASK


def test_bsns_in_nested_structures_are_masked(capsys):
    out = logged(capsys, lines=[{"client": {"Bsn": "999990019"}}, "999990020 and 999990032"])
    assert "99999" not in json.dumps(out)


def test_nine_digit_numbers_that_are_not_bsns_stay_readable(capsys):
    assert logged(capsys, declaration="123456789")["declaration"] == "123456789"


def test_agb_codes_and_amounts_are_not_touched(capsys):
    assert logged(capsys, agb="12345678", amount=123456789)["agb"] == "12345678"
