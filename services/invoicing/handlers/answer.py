"""AnswerDeclaration: once every line is final, the JW325 (ijw-3.2.md §6) goes to the provider's
mailbox and the approved lines to payments — in the same transaction as the decision."""

from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import date

from services.invoicing.adapters.ijw import jw325_from_answer
from services.invoicing.adapters.projections import keep_answer, project
from services.invoicing.context import Invoicing
from services.invoicing.domain import events as ev
from services.invoicing.domain.answer import build_answer
from services.invoicing.domain.declaration import Declaration
from services.invoicing.domain.decisions import basis_record, decide_answer
from services.invoicing.domain.evidence import approved_by_rules, checks, line_evidence
from services.invoicing.domain.outcome import LineOutcome, MatchResult
from services.invoicing.domain.policy import Status
from shared.events.envelope import Envelope, NewEvent
from shared.exchange.contract import MESSAGE_ISSUED, MessageIssued
from shared.exchange.invoicing import DECLARATION_SETTLED
from shared.ijw import encode
from shared.persistence.ports import UnitOfWork


async def answer_declaration(inv: Invoicing, uow: UnitOfWork, declaration_id: str, declaration: Declaration,
                             result: MatchResult, received_on: date, stream_version: int) -> None:
    answered_on = inv.clock.today()
    jw325 = build_answer(declaration, result)
    answer_id = str(uuid.uuid4())
    xml = encode(jw325_from_answer(jw325, uuid.UUID(answer_id).hex[:12], answered_on))
    answered = replace(decide_answer(declaration, jw325, answered_on), answer_id=answer_id)
    now, tenant, stream = inv.clock.now(), declaration.header.addressee_gemeente, f"declaration-{declaration_id}"
    uow.append(stream, stream_version, [NewEvent(answered.TYPE, answered.VERSION, ev.payload(answered), now,
                                                 tenant=tenant)])
    await project(uow.connection, declaration_id, [answered], now)
    await keep_answer(uow.connection, declaration_id, answer_id, xml)
    issued = MessageIssued(answer_id, "325", declaration.header.addressee_gemeente, declaration.header.sender_agb,
                           xml.decode("utf-8"), in_reply_to=declaration_id)
    settled = {**_settled(declaration_id, declaration, result, received_on, answered_on, answered.granted),
               "answer_id": answer_id, "checks": checks()}
    uow.enqueue(inv.topic, [
        Envelope.of(stream, stream_version + 1, NewEvent(MESSAGE_ISSUED, 1, issued.payload(), now, tenant=tenant)),
        Envelope.of(stream, stream_version + 1, NewEvent(DECLARATION_SETTLED, 1, settled, now, tenant=tenant)),
    ])


def _settled(declaration_id: str, declaration: Declaration, result: MatchResult, received_on: date,
             answered_on: date, granted: int) -> dict[str, object]:
    approved = [o for o in result.lines if o.status is Status.APPROVED]
    return {
        "declaration_id": declaration_id, "declaration_number": declaration.number,
        "provider": declaration.header.sender_agb, "municipality": declaration.header.addressee_gemeente,
        "received_on": received_on.isoformat(), "answered_on": answered_on.isoformat(),
        "submitted": declaration.signed_total, "granted": granted,
        "approved": [{
            "reference": o.line.reference, "previous_reference": o.line.previous_reference, "bsn": o.bsn,
            "allocation_number": o.line.allocation_number, "category": o.line.category, "code": o.line.code,
            "period_begin": o.line.period.begin.isoformat(), "period_end": o.line.period.end.isoformat(),
            "volume": o.line.volume, "unit": o.line.unit.value, "amount": o.line.signed_amount,
            "ceiling_exempt": o.ceiling_exempt, "evidence": _evidence(o),
        } for o in approved],
        # Optional in v1: the lines not approved, so payments releases what it counted as held.
        "rejected": [{"reference": o.line.reference, "period_begin": o.line.period.begin.isoformat(),
                      "codes": list(o.codes), "amount": o.line.signed_amount}
                     for o in result.lines if o.status is Status.REJECTED],
    }


def _evidence(outcome: LineOutcome) -> dict[str, object]:
    approval = outcome.approval or approved_by_rules(outcome.codes, outcome.tolerances)
    return line_evidence(basis_record(outcome), approval, outcome.tolerances)
