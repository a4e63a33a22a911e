"""What the invoicing service tells the others (versioned, explicit).

`invoicing.DeclarationSettled` v1 — a declaration was answered with a JW325; the approved lines
are what the municipality owes (a credit line has a negative amount and names the line it
credits). Payload:
  declaration_id (the gateway message id), declaration_number, provider (AGB), municipality,
  received_on, answered_on (ISO dates), submitted, granted (signed eurocents),
  approved: [{reference, previous_reference, bsn, allocation_number, category, code,
              period_begin, period_end, volume, unit, amount (signed eurocents)}]
"""

from __future__ import annotations

from shared.events.registry import EventType

DECLARATION_SETTLED = "invoicing.DeclarationSettled"
TYPES = (EventType(DECLARATION_SETTLED, 1),)
