"""Level-2 rules for JW325, the answer we write to every JW323 (a provider's software runs them
on what we send): totals (TR342, CS325), the returned prestaties (CD060, TR101, TR134, TR137)
and their clients (CS002, TR101)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from shared.ijw.errors import Finding
from shared.ijw.model.declaration import DeclarationAnswer, DeclarationLine, Jw325
from shared.ijw.rules.common import bsn_findings, duplicate_findings


def check_jw325(m: Jw325) -> list[Finding]:
    answer, dated = m.answer, m.header.header.message_id.date
    if answer is None:
        return []
    findings = list(bsn_findings((f"answer.clients[{i}].bsn", c.bsn) for i, c in enumerate(answer.clients)))
    findings += duplicate_findings(((f"answer.clients[{i}]", c.bsn) for i, c in enumerate(answer.clients)), "Client")
    for where, total in (("answer.total_submitted", answer.total_submitted), ("answer.total_granted", answer.total_granted)):
        if total.cents == 0 and total.credit:
            findings.append(Finding("CS325", "a zero total must be debet (D)", field=where))
    for ci, client in enumerate(answer.clients):
        findings += duplicate_findings(((f"answer.clients[{ci}].lines[{li}]", (x.reference, x.previous_reference))
                                        for li, x in enumerate(client.lines)), "ProductReferentie")
        for li, line in enumerate(client.lines):
            findings += _answered_line(f"answer.clients[{ci}].lines[{li}]", line, dated)
    return findings + list(_tr342(answer))


def _answered_line(where: str, line: DeclarationLine, dated: date) -> Iterator[Finding]:
    if line.amount.credit != (line.previous_reference is not None):
        yield Finding("CD060", "VorigReferentieNummer is filled exactly for a credit", field=f"{where}.previous_reference")
    if line.amount.cents == 0 and line.amount.credit:
        yield Finding("CS325", "a zero amount must be debet (D)", field=f"{where}.amount")
    if line.period.start > dated:
        yield Finding("TR134", "ProductPeriode starts after the message date", field=f"{where}.period")
    if line.period.end < line.period.start or line.period.end > dated:
        yield Finding("TR137", "Einddatum must be on/after Begindatum and not after the message date",
                      field=f"{where}.period")


def _tr342(answer: DeclarationAnswer) -> Iterator[Finding]:
    """Returned prestaties account for submitted minus granted; a declaration rejected as a whole
    (a code other than 0200 or 8001) grants nothing."""
    if any(code not in ("0200", "8001") for code in answer.codes):
        if answer.total_granted.cents != 0:
            yield Finding("TR342", "a rejected declaration grants 0", field="answer.total_granted")
        return
    returned = sum(line.amount.signed for c in answer.clients for line in c.lines)
    expected = answer.total_submitted.signed - answer.total_granted.signed
    if returned != expected:
        yield Finding("TR342", f"returned prestaties sum to {returned}, expected {expected}", field="answer")
