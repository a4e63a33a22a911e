"""A settled declaration's approved line as payments keeps it for the lawfulness evidence: the
line invoicing sent (shared/exchange/invoicing.py `SettledLine`) without the client's BSN.

Its fields are `SettledLine`'s in the same order, so its JSON is the same object the evidence was
stored as when its lines were that JSON read as dicts with "bsn" taken out: stored evidence reads
back as it always did (as dicts, `DeclarationEvidenceRecorded.lines`). Kept typed, a line shares
its strings, dates and evidence with the received line instead of being a dict of dicts of its
own: at 20,000 lines the dicts held 28 MB at the settlement's peak, the typed lines 2.6 MB
(tracemalloc, bench memory's chain).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import date

from services.payments.domain.events import DeclarationEvidenceRecorded
from shared.exchange.invoicing import Evidence, SettledLine


@dataclass(frozen=True, slots=True)
class EvidenceLine:
    reference: str
    previous_reference: str | None
    allocation_number: int
    category: str
    code: str
    period_begin: date
    period_end: date
    volume: int
    unit: str
    amount: int
    ceiling_exempt: bool = False
    evidence: Evidence | None = None


def evidence_line(line: SettledLine, referrers: Mapping[int, str],
                  filled: dict[Evidence, Evidence]) -> EvidenceLine:
    """`line` without the BSN. An allocation whose version named no referrer (a JW301 carries
    none) takes the referrer payments knows for it (the JW315 it honoured); `filled` keeps one
    such evidence per distinct evidence, for lines that share one."""
    return EvidenceLine(line.reference, line.previous_reference, line.allocation_number, line.category, line.code,
                        line.period_begin, line.period_end, line.volume, line.unit, line.amount, line.ceiling_exempt,
                        _with_referrer(line.evidence, referrers, filled))


def _with_referrer(evidence: Evidence | None, referrers: Mapping[int, str],
                   filled: dict[Evidence, Evidence]) -> Evidence | None:
    allocation = evidence.allocation if evidence is not None else None
    if evidence is None or allocation is None or allocation.referrer_type or allocation.number not in referrers:
        return evidence
    if evidence not in filled:
        filled[evidence] = replace(evidence, allocation=replace(allocation, referrer_type=referrers[allocation.number]))
    return filled[evidence]


def joined(recorded: Iterable[DeclarationEvidenceRecorded]) -> dict[str, DeclarationEvidenceRecorded]:
    """Each declaration's evidence as one record, from its events in the order stored: a large
    declaration's lines and rejected lines are recorded over several (handlers/evidence.py `PART`)."""
    found: dict[str, DeclarationEvidenceRecorded] = {}
    for part in recorded:
        before = found.get(part.declaration_id)
        found[part.declaration_id] = part if before is None else replace(
            before, lines=before.lines + part.lines, rejected=before.rejected + part.rejected)
    return found
