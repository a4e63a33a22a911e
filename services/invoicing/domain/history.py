"""What the matcher needs to know of earlier messages from this provider to this gemeente."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

from services.invoicing.domain.declaration import Line


@dataclass(frozen=True)
class PriorLine:
    """An earlier debet line that was approved; `credited` once an approved credit cancelled it;
    `answered` once the JW325 of its declaration went out (only then may it be credited, IV085)."""

    line: Line
    credited: bool = False
    answered: bool = True


@dataclass(frozen=True)
class History:
    message_ids: frozenset[str] = frozenset()
    """BerichtIdentificatie of earlier JW323s from this sender (TR056)."""
    declaration_numbers: frozenset[str] = frozenset()
    """DeclaratieNummers this provider used before (TR333)."""
    last_period_begin: date | None = None
    """Begin of the latest DeclaratiePeriode this provider declared to this gemeente (TR318)."""
    references: frozenset[str] = frozenset()
    """Every ReferentieNummer this provider used before, whatever became of its line (TR314)."""
    approved: Mapping[str, PriorLine] = field(default_factory=dict)
    """Approved debet lines on the allocations concerned, by ReferentieNummer (TR323, TR389)."""

    @staticmethod
    def of(prior_lines: tuple[PriorLine, ...] = (), references: frozenset[str] = frozenset()) -> History:
        """A history of approved lines; their references count as used (TR314)."""
        approved = {prior.line.reference: prior for prior in prior_lines}
        return History(references=references | approved.keys(), approved=approved)
