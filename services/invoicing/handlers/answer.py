"""AnswerDeclaration: once every line is final, the JW325 (ijw-3.2.md §6) goes to the provider's
mailbox and the approved lines to payments — in the same transaction as the decision."""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date, datetime

from services.invoicing.adapters.ijw import jw325_from_answer
from services.invoicing.context import Invoicing
from services.invoicing.domain.answer import build_answer
from services.invoicing.domain.declaration import Declaration
from services.invoicing.domain.decisions import basis_record, decide_answer
from services.invoicing.domain.evidence import approved_by_rules, checks, line_evidence
from services.invoicing.domain.held_lines import declaration_stream
from services.invoicing.domain.outcome import LineOutcome, MatchResult
from services.invoicing.domain.policy import Status
from services.invoicing.ports import InvoicingPorts
from shared.clock import business_day
from shared.commands import Append, Command, Decision, History, Publish
from shared.exchange import invoicing as xi
from shared.exchange.contract import MessageIssued
from shared.ijw import encode
from shared.persistence.ports import Work


@dataclass(frozen=True)
class AnswerDeclaration:
    declaration_id: str
    declaration: Declaration
    result: MatchResult
    """Final: every line approved or rejected, or the declaration refused as a whole."""
    received_on: date
    stream_version: int
    """The declaration stream's version, which the caller has just written in this transaction."""
    answer_id: str = field(default_factory=lambda: str(uuid.uuid4()))


@dataclass(frozen=True)
class Jw325Sent:
    """The JW325 as sent, kept beside the events: a record, not rebuilt."""

    answer_id: str
    xml: bytes


def no_streams(_: AnswerDeclaration) -> tuple[str, ...]:
    """Nothing to load: the caller has just recorded the declaration's lines in this transaction and
    holds the stream's version; loading it back would decode every line's event (10,000 in the
    bench) for a number it has. The append at that version still refuses a writer in between."""
    return ()


def decide(c: AnswerDeclaration, _: Mapping[str, History], __: None, now: datetime) -> Decision[None]:
    answered_on, header = business_day(now), c.declaration.header
    jw325 = build_answer(c.declaration, c.result)
    xml = encode(jw325_from_answer(jw325, uuid.UUID(c.answer_id).hex[:12], answered_on))
    answered = replace(decide_answer(c.declaration, jw325, answered_on), answer_id=c.answer_id)
    stream, tenant = declaration_stream(c.declaration_id), header.addressee_gemeente
    issued = MessageIssued(c.answer_id, "325", header.addressee_gemeente, header.sender_agb, xml.decode("utf-8"),
                           in_reply_to=c.declaration_id)
    settled = settled_event(c.declaration_id, c.declaration, c.result, c.received_on, answered_on,
                            answered.granted, c.answer_id)
    # A big declaration's settlement goes in parts, in order under the declaration's key.
    return Decision(None, [Append(stream, c.stream_version, [answered], tenant)],
                    [Publish(e, stream, tenant, version=c.stream_version + 1)
                     for e in (issued, *xi.in_parts(settled, xi.LINES_PER_PART))],
                    records=[Jw325Sent(c.answer_id, xml)])


async def keep_answer(ports: InvoicingPorts, c: AnswerDeclaration, decision: Decision[None]) -> None:
    for sent in decision.records:
        await ports.declarations.keep_answer(c.declaration_id, sent.answer_id, sent.xml)


ANSWER: Command = Command(no_streams, decide, record=keep_answer)


async def answer_declaration(inv: Invoicing, work: Work[InvoicingPorts], c: AnswerDeclaration) -> None:
    await inv.commands.within(work, ANSWER, c)


def settled_event(declaration_id: str, declaration: Declaration, result: MatchResult, received_on: date,
                  answered_on: date, granted: int, answer_id: str) -> xi.DeclarationSettled:
    """The whole declaration, before it is split into the parts it travels in (`xi.in_parts`). The
    rejected lines go too, so payments releases what it counted as held."""
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
