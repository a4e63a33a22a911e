"""AnswerDeclaration: once every line is final, the JW325 (ijw-3.2.md §6) goes to the provider's
mailbox and the approved lines to payments — in the same transaction as the decision."""

from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import date

from services.invoicing.adapters.ijw import jw325_from_answer
from services.invoicing.context import Invoicing
from services.invoicing.domain.answer import build_answer
from services.invoicing.domain.declaration import Declaration
from services.invoicing.domain.decisions import basis_record, decide_answer
from services.invoicing.domain.evidence import approved_by_rules, checks, line_evidence
from services.invoicing.domain.outcome import LineOutcome, MatchResult
from services.invoicing.domain.policy import Status
from shared.events.envelope import Envelope, NewEvent
from shared.exchange import invoicing as xi
from shared.exchange.contract import MessageIssued
from shared.ijw import encode
from services.invoicing.ports import InvoicingPorts
from shared.persistence.ports import Work


async def answer_declaration(inv: Invoicing, work: Work[InvoicingPorts], declaration_id: str,
                             declaration: Declaration, result: MatchResult, received_on: date, stream_version: int) -> None:
    answered_on = inv.clock.today()
    jw325 = build_answer(declaration, result)
    answer_id = str(uuid.uuid4())
    xml = encode(jw325_from_answer(jw325, uuid.UUID(answer_id).hex[:12], answered_on))
    answered = replace(decide_answer(declaration, jw325, answered_on), answer_id=answer_id)
    now, tenant, stream = inv.clock.now(), declaration.header.addressee_gemeente, f"declaration-{declaration_id}"
    work.append(stream, stream_version, [NewEvent.of(answered, now, tenant)])
    await work.ports.declarations.project(declaration_id, [answered], now)
    await work.ports.declarations.keep_answer(declaration_id, answer_id, xml)
    issued = MessageIssued(answer_id, "325", declaration.header.addressee_gemeente, declaration.header.sender_agb,
                           xml.decode("utf-8"), in_reply_to=declaration_id)
    settled = settled_event(declaration_id, declaration, result, received_on, answered_on, answered.granted, answer_id)
    work.enqueue(inv.topic, [Envelope.of(stream, stream_version + 1, NewEvent.of(e, now, tenant))
                            for e in (issued, settled)])


def settled_event(declaration_id: str, declaration: Declaration, result: MatchResult, received_on: date,
                  answered_on: date, granted: int, answer_id: str) -> xi.DeclarationSettled:
    """The rejected lines go too, so payments releases what it counted as held."""
    return xi.DeclarationSettled(
        declaration_id, declaration.number, declaration.header.sender_agb, declaration.header.addressee_gemeente,
        received_on, answered_on, declaration.signed_total, granted,
        approved=tuple(_settled_line(o) for o in result.lines if o.status is Status.APPROVED),
        rejected=tuple(xi.SettledRejection(o.line.reference, o.line.period.begin, o.codes, o.line.signed_amount)
                       for o in result.lines if o.status is Status.REJECTED),
        answer_id=answer_id, checks=checks())


def _settled_line(o: LineOutcome) -> xi.SettledLine:
    line = o.line
    return xi.SettledLine(line.reference, line.previous_reference, o.bsn, line.allocation_number, line.category,
                          line.code, line.period.begin, line.period.end, line.volume, line.unit.value,
                          line.signed_amount, o.ceiling_exempt, _evidence(o))


def _evidence(outcome: LineOutcome) -> xi.Evidence:
    approval = outcome.approval or approved_by_rules(outcome.codes, outcome.tolerances)
    return line_evidence(basis_record(outcome), approval, outcome.tolerances)
