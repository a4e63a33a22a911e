from datetime import datetime

import pytest
from lxml import etree
from sepaxml.validation import ValidationError, try_valid_xml

from datetime import date

from services.payments.adapters.sepa import NS, SCHEMA, Account, RunFile, SepaError, pain001
from services.payments.domain.remittance import end_to_end_id, remittance
from services.payments.domain.runs import Transfer, decide_create_run, transfers

from tests.unit.payments.builders import booked, create, export, given, line

P1, P2 = "11111111", "22222222"
REGION = Account("Regio IJsselland", "NL91ABNA0417164300", "ABNANL2A")
PROVIDERS = {P1: Account("Zorg & Co B.V.", "NL20INGB0001234567", "INGBNL2A"),
             P2: Account("Jeugdhulp Zwolle", "NL18RABO0123459876")}
RUN = RunFile("R1", export("R1").message_id, export("R1").execution_date,
              datetime(2026, 6, 1, 9, 0))


def run_file() -> tuple[bytes, int]:
    book = booked(line("L1", provider=P1, declaration_id="D-100", declaration_number="2026-041"),
                  line("L2", provider=P1, amount=2_345, declaration_id="D-101", declaration_number="2026-042",
                       period_start=date(2026, 2, 1)),
                  line("L3", provider=P1, amount=-1_000, declaration_id="D-102", declaration_number="2026-043",
                       credited_line_id="L0"),
                  line("L4", provider=P2, amount=77_701, declaration_id="D-200", declaration_number="A&B/7"))
    book = given(book, decide_create_run, create("R1"))
    return pain001(RUN, transfers(book, "R1"), REGION, PROVIDERS), book.runs["R1"].total


def test_sepa_file_validates_and_its_control_sum_is_the_run_total():
    xml, total = run_file()
    try_valid_xml(xml, SCHEMA)  # sepaxml's bundled pain.001.001.03 XSD; raises when invalid
    root = etree.fromstring(xml)
    header = root.find("p:CstmrCdtTrfInitn/p:GrpHdr", NS)
    assert total == 89_046
    assert header.findtext("p:CtrlSum", namespaces=NS) == "890.46"
    assert header.findtext("p:NbOfTxs", namespaces=NS) == "2"
    assert header.findtext("p:MsgId", namespaces=NS) == "MSG-R1"


def test_sepa_file_has_one_transfer_per_provider_from_the_region_account():
    root = etree.fromstring(run_file()[0])
    amounts = [e.text for e in root.iterfind(".//p:CdtTrfTxInf/p:Amt/p:InstdAmt", NS)]
    assert amounts == ["113.45", "777.01"]
    assert root.findtext(".//p:PmtInf/p:DbtrAcct/p:Id/p:IBAN", namespaces=NS) == REGION.iban


def test_remittance_names_the_providers_declaration_numbers_and_months_in_the_sepa_character_set():
    root = etree.fromstring(run_file()[0])
    texts = [e.text for e in root.iterfind(".//p:RmtInf/p:Ustrd", NS)]
    assert texts == ["decl 2026-041 2026-042 2026-043, periode 2026-01 t/m 2026-02", "decl A.B/7, periode 2026-01"]


def test_each_transfer_has_its_own_end_to_end_id_naming_the_run_and_the_provider():
    root = etree.fromstring(run_file()[0])
    ids = [e.text for e in root.iterfind(".//p:CdtTrfTxInf/p:PmtId/p:EndToEndId", NS)]
    assert ids == [f"R1-{P1}", f"R1-{P2}"] == [end_to_end_id("R1", P1), end_to_end_id("R1", P2)]
    assert len(end_to_end_id("run-0123456789ab", P1)) <= 35


def test_too_many_declarations_for_140_characters_refer_to_the_payment_specification():
    many = Transfer(P1, 1, (), (), (), tuple(f"2026-{n:05d}" for n in range(20)), (date(2026, 3, 1),))
    text = remittance("run-0123456789ab", many)
    assert text == f"zie betaalspecificatie run-0123456789ab-{P1}: 20 declaraties, periode 2026-03"


def test_invalid_provider_iban_is_refused():
    bad = PROVIDERS | {P2: Account("Jeugdhulp Zwolle", "NL00RABO0123459876")}
    with pytest.raises(SepaError):
        pain001(RUN, [Transfer(P2, 100, ("D1",), (), ("L1",))], REGION, bad)


def test_rendering_a_run_twice_gives_the_same_file():
    assert run_file()[0] == run_file()[0]


def test_schema_check_rejects_a_file_whose_amount_is_malformed():
    xml = run_file()[0].replace(b">777.01<", b">777.0.1<")
    with pytest.raises(ValidationError):
        try_valid_xml(xml, SCHEMA)


def test_advances_are_named_in_the_remittance():
    advance = Transfer(P1, 50_000, (), ("voorschot C1 2026-03",), ("advance:C1:2026-03-01",))
    root = etree.fromstring(pain001(RUN, [advance], REGION, PROVIDERS))
    text = root.findtext(".//p:RmtInf/p:Ustrd", namespaces=NS)
    assert text == "voorschot C1 2026-03"
