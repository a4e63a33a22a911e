"""Explicit mapping between the iJw codec's JW323/JW325 models and the invoicing domain.

A declaration's lines repeat the same few product codes, periods and amounts: the mapping gives
equal values one shared object per declaration instead of one per line (adapters/sharing.py).
"""

from __future__ import annotations

from datetime import date

from services.invoicing.domain import answer as domain_answer
from services.invoicing.domain.declaration import (
    Client, DebitCredit, Declaration, Header, Line, Period, Unit,
)
from services.invoicing.adapters.sharing import Shared
from shared.ijw.model import basis
from shared.ijw.model import declaration as codec

XSD_VERSION = basis.XsdVersion("1.0.0", "1.0.0")


def declaration_from_jw323(message: codec.Jw323) -> Declaration:
    h, d = message.header, message.declaration
    header = Header(h.sender, h.receiver, h.message_id.identification, h.message_id.date,
                    (h.xsd_version.basisschema, h.xsd_version.message))
    shared = Shared()
    clients = tuple(Client(c.bsn, tuple(_line(line, shared) for line in c.lines)) for c in d.clients)
    return Declaration(header, d.number, Period(d.period.start, d.period.end), d.date, d.total.cents,
                       _debit_credit(d.total), clients)


def _line(line: codec.DeclarationLine, shared: Shared) -> Line:
    return Line(  # reference, previous_reference, allocation_number, category, code, period, volume, unit,
        # tariff, amount, debit_credit: positionally, as the mapping runs once per line
        line.reference, line.previous_reference, line.allocation_number, shared.value(line.category),
        shared.value(line.product_code), shared.period(line.period.start, line.period.end),
        shared.value(line.volume), _UNITS[line.unit], None if line.tariff is None else shared.value(line.tariff),
        shared.value(line.amount.cents),
        _debit_credit(line.amount),
    )


_UNITS = {unit.value: unit for unit in Unit}
"""`Unit(code)` without the enum's call per line; the codec only lets the code list's units in."""


def _debit_credit(amount: basis.Amount) -> DebitCredit:
    return DebitCredit.CREDIT if amount.credit else DebitCredit.DEBIT


def jw325_from_answer(answer: domain_answer.Jw325, identification: str, on: date) -> codec.Jw325:
    header = basis.Header(answer.sender_gemeente, answer.addressee_agb, basis.MessageId(identification, on),
                          XSD_VERSION)
    declaration_xsd = basis.XsdVersion(*answer.answers_xsd_version)
    answer_header = codec.AnswerHeader(header, basis.MessageId(answer.answers_message_id, answer.answers_message_date),
                                       declaration_xsd, answer.header_codes)
    body = answer.declaration
    if body is None:
        return codec.Jw325(answer_header)
    clients = tuple(codec.DeclarationClient(c.bsn, tuple(_answered(al) for al in c.lines), c.codes)
                    for c in body.clients)
    return codec.Jw325(answer_header, codec.DeclarationAnswer(
        body.number, _amount(body.submitted), _amount(body.granted), body.codes, clients))


def _answered(answered: domain_answer.AnsweredLine) -> codec.DeclarationLine:
    line = answered.line
    return codec.DeclarationLine(
        reference=line.reference, allocation_number=line.allocation_number, category=line.category,
        product_code=line.code, period=basis.Period(line.period.begin, line.period.end), volume=line.volume,
        unit=line.unit.value, amount=basis.Amount(line.amount, line.is_credit),
        previous_reference=line.previous_reference, tariff=line.tariff, codes=answered.codes,
    )


def _amount(signed: int) -> basis.Amount:
    return basis.Amount(abs(signed), signed < 0)
