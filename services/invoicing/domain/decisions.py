"""Deciders: from a received declaration and its MatchResult, or a finished answer, to events."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from services.invoicing.domain import events as ev
from services.invoicing.domain import retourcodes as rc
from services.invoicing.domain.answer import Jw325
from services.invoicing.domain.deadline import answer_due, auto_reject_on
from services.invoicing.domain.declaration import Declaration
from services.invoicing.domain.outcome import LineOutcome, MatchResult
from services.invoicing.domain.policy import Status


def decide_receipt(declaration: Declaration, result: MatchResult, received_on: date,
                   margin_working_days: int) -> list[ev.Event]:
    return list(receipt_events(declaration, result, received_on, margin_working_days))


def receipt_events(declaration: Declaration, result: MatchResult, received_on: date,
                   margin_working_days: int) -> Iterator[ev.Event]:
    """The receipt's events one at a time, in stream order: a 100,000-line declaration's are
    written a chunk at a time and never all held (each line's is some 600 bytes in memory)."""
    header = declaration.header
    yield ev.DeclarationReceived(
        declaration.number, header.message_id, header.message_date, header.sender_agb,
        header.addressee_gemeente, declaration.period.begin, declaration.period.end, received_on,
        answer_due(received_on), declaration.signed_total, declaration.line_count)
    if not result.lines_assessed:
        yield _refused(declaration, result)
        return
    yield from (ev.ClientRejected(declaration.number, bsn, code) for bsn, code in result.rejected_clients.items())
    due = auto_reject_on(received_on, margin_working_days)
    yield from (line_event(declaration.number, outcome, due) for outcome in result.lines)


def receipt_length(result: MatchResult) -> int:
    """How many events `receipt_events` gives: the declaration stream's version after the receipt."""
    if not result.lines_assessed:
        return 2
    return 1 + len(result.rejected_clients) + len(result.lines)


def line_event(declaration_number: str, outcome: LineOutcome, due: date) -> ev.Event:
    line, basis = line_record(declaration_number, outcome), basis_record(outcome)
    findings = tuple(ev.FindingRecord(f.code, f.rule, f.detail, f.limit, f.actual)
                     for f in outcome.findings) if outcome.findings else ()
    if outcome.status is Status.APPROVED:
        return ev.LineApproved(line, basis, findings, outcome.tolerances)
    if outcome.status is Status.REJECTED:
        return ev.LineRejected(line, basis, outcome.codes, findings)
    return ev.LineHeld(line, basis, outcome.codes, findings, due)


def decide_held_approved(declaration_number: str, outcome: LineOutcome, by: str,
                         reason: str) -> ev.HeldLineApproved:
    """A person overrides the matcher (design.md §5): the reason is mandatory."""
    if outcome.status is not Status.HELD or not reason.strip():
        raise ValueError("only a held line is approved, and only with a reason")
    return ev.HeldLineApproved(declaration_number, outcome.line.reference, by, reason, basis_record(outcome))


def decide_held_rejected(declaration_number: str, outcome: LineOutcome, by: str, reason: str,
                         codes: tuple[str, ...] = ()) -> ev.HeldLineRejected:
    """A person, or the deadline (by="deadline"), rejects a held line: with the matcher's codes
    unless others are given. A line held only for its budget ceiling has no code of its own (iJw
    has none for a ceiling): whoever rejects it names one, or the JW325 could not say why."""
    if outcome.status is not Status.HELD:
        raise ValueError("only a held line is rejected this way")
    if not (codes or outcome.codes):
        raise ValueError("a line held for its budget ceiling alone is rejected only with a retourcode")
    return ev.HeldLineRejected(declaration_number, outcome.line.reference, codes or outcome.codes, by, reason)


def decide_answer(declaration: Declaration, answer: Jw325, answered_on: date) -> ev.DeclarationAnswered:
    body = answer.declaration
    rejected = tuple(al.line.reference for c in (body.clients if body else ()) for al in c.lines)
    return ev.DeclarationAnswered(
        declaration.number, answer.answers_message_id, answered_on, answer.header_codes,
        body.codes if body else (), declaration.signed_total, body.granted if body else 0, rejected)


def line_record(declaration_number: str, outcome: LineOutcome) -> ev.LineRecord:
    line = outcome.line
    return ev.LineRecord(declaration_number, outcome.bsn, line.reference, line.previous_reference,
                         line.allocation_number, line.category, line.code, line.period.begin,
                         line.period.end, line.volume, line.unit.value, line.tariff, line.amount,
                         line.debit_credit.value)


def basis_record(outcome: LineOutcome) -> ev.Basis:
    """Built twice per line (its event and its settlement): every field positionally."""
    ref, tariff, ceiling = outcome.allocation, outcome.tariff, outcome.ceiling
    return ev.Basis(
        ref.number if ref else None, ref.decided_on if ref else None, ref.decided_at if ref else None,
        ref.deleted if ref else False, tariff.code if tariff else None,
        tariff.unit.value if tariff else None, tariff.cents if tariff else None,
        tariff.valid_from if tariff else None,
        ceiling.contract_id if ceiling else None, ceiling.year if ceiling else None,
        ceiling.ceiling if ceiling else None, ceiling.used if ceiling else None,
        outcome.ceiling_exempt, ref.referrer_type if ref else None)


def _refused(declaration: Declaration, result: MatchResult) -> ev.DeclarationRejected:
    if result.declaration_codes:
        return ev.DeclarationRejected(declaration.number, "declaration", result.declaration_codes, ())
    level = "message" if result.header_codes == (rc.TECHNICAL,) else "header"
    return ev.DeclarationRejected(declaration.number, level, result.header_codes, result.violations)
