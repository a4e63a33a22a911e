"""What the invoicing service tells the others: typed, versioned integration events
(shared/events/serializer.py), produced with `NewEvent.of` and consumed through
`EventRegistry.of(CLASSES)`. Dates travel as ISO strings, money as signed eurocents (negative: a
credit). A field marked "absent before" was added to version 1 later: its default is what a
message without it meant, so a consumer reads old and new messages alike.

- `invoicing.DeclarationSettled` — a declaration was answered with a JW325; the approved lines are
  what the municipality owes (a credit names the line it credits). Version 2 travels in parts: a
  big declaration's lines are split over several messages (`in_parts`), each with the header and
  totals and `part` of `parts`, published in order under the declaration's key. Version 1 was
  always the whole declaration; its upcaster makes it part 1 of 1.
- `invoicing.LinesHeld` — a received declaration has lines held for a person (or for a budget
  ceiling); until decided (LinesDecided, DeclarationSettled) they count as "held" under their
  contract's ceiling and as "in behandeling" in the budget.
- `invoicing.LinesDecided` — lines of a declaration whose JW325 has not gone out yet are final:
  approved or rejected by the rules at receipt while others were held, or held lines a person, a
  new match or the deadline decided. The JW325 will say the same; DeclarationSettled repeats them.

The string constants and `TYPES` serve the consumers that still read payload dicts.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, time
from typing import ClassVar

from shared.events.registry import EventType, Payload, Upcaster

LINES_PER_PART = 5_000
"""Approved lines, and rejected lines, in one part of a settled declaration: a 100,000-line
declaration as one message was 51 MB of JSON in one outbox row, and the relay, the bus and each
consumer held it several times over (bench memory: the relay step +197 MB, the settlement's
consumers +104 and +125 MB). Payments records a part's evidence as one event of the same size
(services/payments/handlers/evidence.py)."""


@dataclass(frozen=True, slots=True)
class AllocationEvidence:
    """The allocation version the line was compared with."""

    number: int | None
    decided_on: date
    decided_at: time | None
    referrer_type: str | None = None


@dataclass(frozen=True, slots=True)
class TariffEvidence:
    code: str | None
    unit: str | None
    cents: int
    valid_from: date | None


@dataclass(frozen=True, slots=True)
class CeilingEvidence:
    """Present when the line did not fit under its contract's budget ceiling."""

    contract: str
    year: int | None
    amount: int | None
    used: int | None


@dataclass(frozen=True, slots=True)
class OverrideEvidence:
    """The finance users who approved a held line: two at or above the region's four_eyes_from."""

    by: str | None
    reason: str | None
    first_by: str | None = None
    first_reason: str | None = None


@dataclass(frozen=True, slots=True)
class Evidence:
    """Why an approved line may be paid (the lawfulness evidence)."""

    approval: str
    """matched | tolerance | override | deadline"""
    allocation: AllocationEvidence | None
    tariff: TariffEvidence | None
    ceiling: CeilingEvidence | None
    findings: tuple[str, ...]
    """The retourcodes the rules found and the approval went past."""
    tolerances: tuple[str, ...]
    override: OverrideEvidence | None


@dataclass(frozen=True)
class Check:
    code: str
    rule: str


@dataclass(frozen=True)
class Checks:
    """The rules each kind of line was checked against: a line passed every one its evidence's
    findings do not name."""

    debit: tuple[Check, ...]
    credit: tuple[Check, ...]


@dataclass(frozen=True, slots=True)
class SettledLine:
    reference: str
    previous_reference: str | None
    bsn: str
    allocation_number: int
    category: str
    code: str
    period_begin: date
    period_end: date
    volume: int
    unit: str
    amount: int
    ceiling_exempt: bool = False
    """Paid regardless of the contract's budget ceiling, so not counted under it (absent before
    2026-12-06)."""
    evidence: Evidence | None = None
    """Absent before the lawfulness evidence: unknown."""


@dataclass(frozen=True, slots=True)
class SettledRejection:
    reference: str
    period_begin: date
    codes: tuple[str, ...] = ()
    amount: int | None = None


@dataclass(frozen=True)
class DeclarationSettled:
    TYPE: ClassVar[str] = "invoicing.DeclarationSettled"
    VERSION: ClassVar[int] = 2
    declaration_id: str
    """The gateway's message id of the JW323."""
    declaration_number: str
    provider: str
    municipality: str
    received_on: date
    answered_on: date
    submitted: int
    granted: int
    approved: tuple[SettledLine, ...]
    rejected: tuple[SettledRejection, ...] = ()
    """The lines not approved, so what a consumer counted as held is released (absent in messages
    before 2026-11-22)."""
    answer_id: str | None = None
    """The JW325's message id."""
    checks: Checks | None = None
    part: int = 1
    """Which part of the declaration this message is, from 1; the header, the totals and the
    checks are on every part, the lines of this part only."""
    parts: int = 1


def in_parts(settled: DeclarationSettled, lines: int = LINES_PER_PART) -> tuple[DeclarationSettled, ...]:
    """The declaration as the messages it travels in: part n holds the n-th `lines` of the
    approved and the n-th `lines` of the rejected, so every line keeps its order within its kind."""
    count = max(-(-len(settled.approved) // lines), -(-len(settled.rejected) // lines), 1)
    return tuple(replace(settled, approved=settled.approved[start:start + lines],
                         rejected=settled.rejected[start:start + lines], part=n + 1, parts=count)
                 for n, start in enumerate(range(0, count * lines, lines)))


def _settled_whole(payload: Payload) -> Payload:
    """Version 1 was the whole declaration in one message: part 1 of 1."""
    return {**payload, "part": 1, "parts": 1}


@dataclass(frozen=True)
class HeldLine:
    reference: str
    period_begin: date
    amount: int
    allocation_number: int | None = None
    """The line's allocation and product (absent before 2026-12-06: a consumer knew the line only
    by its amount until it was decided)."""
    category: str | None = None
    code: str | None = None
    unit: str | None = None
    ceiling_exempt: bool = False
    """An exempt line never counts under its ceiling."""
    volume: int | None = None
    """The line's product volume, for its budget line (absent before 2026-12-06)."""


@dataclass(frozen=True)
class LinesHeld:
    TYPE: ClassVar[str] = "invoicing.LinesHeld"
    VERSION: ClassVar[int] = 1
    declaration_id: str
    declaration_number: str
    provider: str
    municipality: str
    held: tuple[HeldLine, ...]


@dataclass(frozen=True)
class DecidedLine:
    """An approved line before the JW325 (no BSN)."""

    reference: str
    previous_reference: str | None
    period_begin: date
    period_end: date
    amount: int
    ceiling_exempt: bool
    allocation_number: int
    category: str
    code: str
    unit: str
    volume: int


@dataclass(frozen=True)
class DecidedRejection:
    reference: str
    period_begin: date


@dataclass(frozen=True)
class LinesDecided:
    TYPE: ClassVar[str] = "invoicing.LinesDecided"
    VERSION: ClassVar[int] = 1
    declaration_id: str
    declaration_number: str
    provider: str
    municipality: str
    approved: tuple[DecidedLine, ...]
    rejected: tuple[DecidedRejection, ...]


CLASSES = (DeclarationSettled, LinesHeld, LinesDecided)
UPCASTERS: dict[tuple[str, int], Upcaster] = {(DeclarationSettled.TYPE, 1): _settled_whole}
"""For every registry that reads these (`EventRegistry.of(CLASSES, UPCASTERS)`)."""

DECLARATION_SETTLED = DeclarationSettled.TYPE
LINES_HELD = LinesHeld.TYPE
LINES_DECIDED = LinesDecided.TYPE
TYPES = tuple(EventType(c.TYPE, c.VERSION, tuple(u for (t, _), u in UPCASTERS.items() if t == c.TYPE))
              for c in CLASSES)
