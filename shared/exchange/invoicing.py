"""What the invoicing service tells the others (versioned, explicit).

`invoicing.DeclarationSettled` v1 — a declaration was answered with a JW325; the approved lines
are what the municipality owes (a credit line has a negative amount and names the line it
credits). Payload:
  declaration_id (the gateway message id), declaration_number, provider (AGB), municipality,
  received_on, answered_on (ISO dates), submitted, granted (signed eurocents),
  approved: [{reference, previous_reference, bsn, allocation_number, category, code,
              period_begin, period_end, volume, unit, amount (signed eurocents),
              ceiling_exempt (optional, absent before 2026-12-06: false) — paid regardless of the
              contract's budget ceiling, so not counted under it,
              evidence (optional, absent before the lawfulness evidence: unknown) — why the line
              may be paid: {approval: matched | tolerance | override | deadline,
                allocation: {number, decided_on, decided_at, referrer_type | null} | null (the
                  version compared with), tariff: {code, unit, cents, valid_from} | null,
                ceiling: {contract, year, amount, used} | null (when it did not fit under it),
                findings: [retourcode] (what the rules found and the approval went past),
                tolerances: [name], override: {by, reason, first_by | null, first_reason | null}
                  | null (the finance users who approved it: two at or above four_eyes_from)}}],
  rejected (optional, absent in messages before 2026-11-22): [{reference, period_begin,
    codes (optional: the retourcodes), amount (optional: signed eurocents)}] — the lines not
    approved, so what a consumer counted as held can be released, and duplicates found are known.
  answer_id (optional): the JW325's message id.
  checks (optional): {debit: [{code, rule}], credit: [{code, rule}]} — the rules each kind of
    line was checked against; a line passed every one its evidence's findings do not name.

`invoicing.LinesHeld` v1 — a received declaration has lines held for a person (or for a budget
ceiling); until they are decided (LinesDecided, DeclarationSettled) they count as "held" under
their contract's ceiling and as "in behandeling" in the budget. Payload: declaration_id,
declaration_number, provider, municipality,
  held: [{reference, period_begin (ISO date), amount (signed eurocents), ceiling_exempt (optional:
          an exempt line never counts under its ceiling), allocation_number, category, code,
          unit, volume (optional, absent before 2026-12-06: the line's product, for its budget
          line)}]

`invoicing.LinesDecided` v1 — lines of a declaration whose JW325 has not gone out yet are final:
the lines the rules approved or rejected at receipt while others were held, or held lines a
person, a new match or the deadline decided. The JW325 will say the same; DeclarationSettled
repeats them when it goes. Payload: declaration_id, declaration_number, provider, municipality,
  approved: [{reference, previous_reference, allocation_number, category, code, period_begin,
              period_end, volume, unit, amount (signed eurocents), ceiling_exempt}] (no BSN),
  rejected: [{reference, period_begin}].
"""

from __future__ import annotations

from shared.events.registry import EventType

DECLARATION_SETTLED = "invoicing.DeclarationSettled"
LINES_HELD = "invoicing.LinesHeld"
LINES_DECIDED = "invoicing.LinesDecided"
TYPES = (EventType(DECLARATION_SETTLED, 1), EventType(LINES_HELD, 1), EventType(LINES_DECIDED, 1))
