"""What the others learn of a declaration's lines before its JW325 (shared/exchange/invoicing.py):
`invoicing.LinesHeld` when lines wait for a person, `invoicing.LinesDecided` when lines are final
while the declaration is still open. A declaration with many held lines may wait ten working
days for its answer; its approved lines are owed from the moment they are final, and the budget
and ceiling figures must say so in the meantime (payments counts them from these events)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from services.invoicing.domain.outcome import LineOutcome
from services.invoicing.domain.policy import Status
from shared.exchange import invoicing as xi


@dataclass(frozen=True)
class DeclarationKey:
    declaration_id: str
    number: str
    provider: str
    municipality: str


def lines_held(key: DeclarationKey, outcomes: Iterable[LineOutcome]) -> xi.LinesHeld | None:
    """The held lines among `outcomes`; None when there are none."""
    held = tuple(xi.HeldLine(o.line.reference, o.line.period.begin, o.line.signed_amount, o.line.allocation_number,
                             o.line.category, o.line.code, o.line.unit.value, o.ceiling_exempt, o.line.volume)
                 for o in outcomes if o.status is Status.HELD)
    return xi.LinesHeld(key.declaration_id, key.number, key.provider, key.municipality, held) if held else None


def lines_decided(key: DeclarationKey, outcomes: Iterable[LineOutcome]) -> xi.LinesDecided | None:
    """The final lines among `outcomes`; None when there are none."""
    outcomes = list(outcomes)
    approved = tuple(_approved(o) for o in outcomes if o.status is Status.APPROVED)
    rejected = tuple(xi.DecidedRejection(o.line.reference, o.line.period.begin)
                     for o in outcomes if o.status is Status.REJECTED)
    if not approved and not rejected:
        return None
    return xi.LinesDecided(key.declaration_id, key.number, key.provider, key.municipality, approved, rejected)


def _approved(o: LineOutcome) -> xi.DecidedLine:
    line = o.line
    return xi.DecidedLine(line.reference, line.previous_reference, line.period.begin, line.period.end,
                          line.signed_amount, o.ceiling_exempt, line.allocation_number, line.category, line.code,
                          line.unit.value, line.volume)
