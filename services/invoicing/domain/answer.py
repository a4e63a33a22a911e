"""The JW325 declaratie-antwoord as a domain model, built from the declaration and the final
outcome of every line (ijw-3.2.md §6, IV087, TR342). The codec maps it to XML."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from services.invoicing.domain import retourcodes as rc
from services.invoicing.domain.declaration import Declaration, Line
from services.invoicing.domain.outcome import MatchResult
from services.invoicing.domain.policy import Status


class AnswerNotReady(ValueError):
    """A line is still held: the JW325 is built once every line is final (design.md §5)."""


@dataclass(frozen=True)
class AnsweredLine:
    line: Line  # copied unchanged from the JW323
    codes: tuple[str, ...]


@dataclass(frozen=True)
class AnsweredClient:
    bsn: str
    codes: tuple[str, ...]  # 0200, or 8187 when the client itself was refused
    lines: tuple[AnsweredLine, ...]


@dataclass(frozen=True)
class DeclarationAnswer:
    number: str  # DeclaratieNummer (TR376)
    submitted: int  # TotaalIngediendBedrag, signed eurocents
    granted: int  # TotaalToegekendBedrag, signed eurocents
    codes: tuple[str, ...]  # 8001, 0200, or the declaration's own codes (9333, 8214)
    clients: tuple[AnsweredClient, ...]


@dataclass(frozen=True)
class Jw325:
    sender_gemeente: str
    addressee_agb: str
    answers_message_id: str  # DeclaratieIdentificatie (TR337)
    answers_message_date: date
    answers_xsd_version: tuple[str, str]  # XsdVersieDeclaratie (TR371)
    header_codes: tuple[str, ...]
    declaration: DeclarationAnswer | None


def build_answer(declaration: Declaration, result: MatchResult) -> Jw325:
    header = declaration.header
    if not result.lines_assessed:
        body = _refused_declaration(declaration, result) if result.declaration_codes else None
        return Jw325(header.addressee_gemeente, header.sender_agb, header.message_id,
                     header.message_date, header.xsd_version, result.header_codes or (rc.NO_REMARK,), body)
    if not result.final:
        raise AnswerNotReady(f"declaration {declaration.number} still has held lines")
    return Jw325(header.addressee_gemeente, header.sender_agb, header.message_id,
                 header.message_date, header.xsd_version, (rc.NO_REMARK,), _assessed(declaration, result))


def _refused_declaration(declaration: Declaration, result: MatchResult) -> DeclarationAnswer:
    # IV087: the declaration is treated as not sent: no lines listed, nothing granted.
    return DeclarationAnswer(declaration.number, declaration.signed_total, 0, result.declaration_codes, ())


def _assessed(declaration: Declaration, result: MatchResult) -> DeclarationAnswer:
    outcomes = {o.line.reference: o for o in result.lines}
    granted = sum(o.line.signed_amount for o in result.lines if o.status is Status.APPROVED)
    clients = []
    for client in declaration.clients:
        rejected = tuple(AnsweredLine(line, outcomes[line.reference].codes) for line in client.lines
                         if outcomes[line.reference].status is Status.REJECTED)
        if rejected:
            code = result.rejected_clients.get(client.bsn, rc.NO_REMARK)
            clients.append(AnsweredClient(client.bsn, (code,), rejected))
    codes = (rc.NO_REMARK,) if clients else (rc.FULLY_APPROVED,)
    answer = DeclarationAnswer(declaration.number, declaration.signed_total, granted, codes, tuple(clients))
    _check_totals(answer)
    return answer


def _check_totals(answer: DeclarationAnswer) -> None:
    returned = sum(al.line.signed_amount for c in answer.clients for al in c.lines)
    if returned != answer.submitted - answer.granted:  # TR342
        raise AssertionError(f"TR342: returned {returned} ≠ {answer.submitted} − {answer.granted}")
