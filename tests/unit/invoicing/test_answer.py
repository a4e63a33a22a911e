"""The JW325 answer model (ijw-3.2.md §6, IV087, TR342)."""

from dataclasses import replace

import pytest

from services.invoicing.domain.answer import AnswerNotReady, build_answer
from services.invoicing.domain.declaration import Client
from services.invoicing.domain.history import History
from tests.unit.invoicing.builders import (BSN, OTHER_BSN, allocation, context, declaration, line,
                                           match)

BAD_AMOUNT = line("R2", code="55A12", volume=1, amount=1)  # 9340 + 0611 hold, 9346 rejects


def answer(decl, ctx=None):
    return build_answer(decl, match(decl, ctx))


def test_all_approved_answer_has_0200_header_and_8001():
    jw325 = answer(declaration())
    assert (jw325.header_codes, jw325.declaration.codes) == (("0200",), ("8001",))


def test_only_rejected_lines_are_listed_with_their_codes():
    body = answer(declaration(line("R1"), BAD_AMOUNT)).declaration
    listed = [(c.bsn, c.codes, [(al.line.reference, al.codes) for al in c.lines]) for c in body.clients]
    assert listed == [(BSN, ("0200",), [("R2", ("9340", "0611", "9346"))])]


def test_granted_total_is_sum_of_approved_lines_per_tr342():
    body = answer(declaration(line("R1"), BAD_AMOUNT)).declaration
    assert (body.codes, body.submitted, body.granted) == (("0200",), 60001, 60000)


def test_client_rejected_with_8187_lists_all_its_lines_with_0233():
    other = Client(OTHER_BSN, (line("R2", allocation_number=7),))
    decl = declaration(clients=(Client(BSN, (line("R1"),)), other))
    ctx = context(allocation(), allocation(number=7))
    client = answer(decl, ctx).declaration.clients[0]
    assert (client.bsn, client.codes, client.lines[0].codes) == (OTHER_BSN, ("8187",), ("0233",))


def test_level_2_failure_answers_header_only_with_0001():
    jw325 = answer(replace(declaration(), total_amount=5))
    assert (jw325.header_codes, jw325.declaration) == (("0001",), None)


def test_header_error_answers_header_only_with_its_code():
    jw325 = answer(declaration(), context(history=History(message_ids=frozenset({"M1"}))))
    assert (jw325.header_codes, jw325.declaration) == (("9056",), None)


def test_rejected_declaration_lists_no_lines_and_grants_0():
    jw325 = answer(declaration(), context(history=History(declaration_numbers=frozenset({"DN001"}))))
    body = jw325.declaration
    assert (jw325.header_codes, body.codes, body.granted, body.clients) == (("0200",), ("9333",), 0, ())


def test_answer_refuses_while_a_line_is_held():
    with pytest.raises(AnswerNotReady):
        answer(declaration(line(code="55A12", tariff=7500)))


def test_answer_copies_the_answered_message_identity():
    jw325 = answer(declaration())
    copied = (jw325.answers_message_id, jw325.answers_xsd_version, jw325.sender_gemeente)
    assert copied == ("M1", ("1.0.0", "1.0.0"), "0384")
