"""Finance decides a selection of held lines at once, with one reason (and, to reject, codes).

The selected lines of one declaration are decided in one transaction, one command
(domain/held_decisions.py): its stream is read once, their events appended together and the
JW325 built once if the last held line was among them (line by line, a 200-line selection re-read
the growing stream and every line of the declaration 200 times). A line that is refused — another
clerk has it in hand, it was decided already — is reported and left out; the others go ahead.
Should someone else write to the declaration at the same moment, its lines are tried again one at
a time, each in a transaction of its own, so what can succeed does. Every line reports its own
outcome, and has its own event and audit entry, exactly as if decided alone."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import groupby

from services.invoicing.context import Invoicing
from services.invoicing.domain.held_decisions import DecideHeldLines, LineResult
from services.invoicing.handlers import queue
from shared.audit import Origin
from shared.auth.principal import StaffPrincipal
from shared.persistence.ports import ConcurrencyError

CONFLICT = "HF-CONFLICT"


@dataclass(frozen=True)
class LineKey:
    declaration_id: str
    reference: str


@dataclass(frozen=True)
class Selection:
    keys: Sequence[LineKey]
    by: StaffPrincipal
    reason: str
    where: Origin
    codes: tuple[str, ...] | None = None
    """None approves; a tuple rejects (empty: each line with its own codes)."""

    def command(self, declaration_id: str, references: Sequence[str]) -> DecideHeldLines:
        """Its lines of one declaration: a refused line is reported, not raised (`one=False`)."""
        return DecideHeldLines(declaration_id, tuple(references), self.by, self.reason, self.where, self.codes,
                               one=False)


async def decide_all(inv: Invoicing, selection: Selection) -> list[tuple[LineKey, LineResult]]:
    """Every line of the selection once, reported in the order given."""
    if selection.codes is not None:
        queue.check_codes(selection.codes)  # before any line changes
    keys = list(dict.fromkeys(selection.keys))
    results: dict[LineKey, LineResult] = {}
    for declaration_id, group in groupby(sorted(keys, key=lambda k: k.declaration_id), key=lambda k: k.declaration_id):
        lines = list(group)
        try:
            decided = await queue.decide(inv, selection.command(declaration_id, [k.reference for k in lines]))
            results |= {LineKey(declaration_id, r.reference): r for r in decided}
        except ConcurrencyError:
            results |= {key: await _decide_one(inv, selection, key) for key in lines}
    return [(key, results[key]) for key in keys]


async def _decide_one(inv: Invoicing, s: Selection, key: LineKey) -> LineResult:
    """One line in a transaction of its own; the decider reports its refusals as for a selection."""
    try:
        [result] = await queue.decide(inv, s.command(key.declaration_id, [key.reference]))
    except ConcurrencyError:
        return LineResult(key.reference, "refused", CONFLICT, "decided by someone else at the same moment")
    return result
