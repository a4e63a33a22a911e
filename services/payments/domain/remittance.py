"""What a provider's bank statement says of a transfer, so its accounting can match the money
(issue 15): the remittance (`RmtInf/Ustrd`, at most 140 characters) names the provider's own
DeclaratieNummers and the months of care; the EndToEndId (at most 35) names the run and the
provider, is unique per transfer and comes back in the bank's statement (camt.053).

Both use only the SEPA character set (EPC guidance: Latin letters, digits and / - ? : ( ) . , ' +
and space); another character becomes '.', as a bank would refuse or garble it.
"""

from __future__ import annotations

import re
from datetime import date

from services.payments.domain.runs import Transfer

MAX_REMITTANCE = 140  # Ustrd, Max140Text
MAX_ID = 35  # MsgId, PmtInfId, EndToEndId: Max35Text
_NOT_SEPA = re.compile(r"[^A-Za-z0-9/\-?:().,'+ ]")


def sepa_text(text: str) -> str:
    return _NOT_SEPA.sub(".", text)


def end_to_end_id(run_id: str, provider: str) -> str:
    """One per transfer: a run pays a provider at most once, and run ids are never reused."""
    return sepa_text(f"{run_id}-{provider}")[-MAX_ID:]


def period_text(months: tuple[date, ...]) -> str:
    if not months:
        return ""
    first, last = months[0].strftime("%Y-%m"), months[-1].strftime("%Y-%m")
    return first if first == last else f"{first} t/m {last}"


def remittance(run_id: str, transfer: Transfer) -> str:
    """`decl 2026-041 2026-042, periode 2026-03, voorschot C1 2026-03`; when the declarations do not
    fit in 140 characters, a reference to the payment specification that lists them instead."""
    period = period_text(transfer.months)
    parts = [f"decl {' '.join(transfer.declaration_numbers)}" if transfer.declaration_numbers else "",
             f"periode {period}" if period else "", *transfer.other_references]
    text = sepa_text(", ".join(part for part in parts if part))
    if len(text) <= MAX_REMITTANCE:
        return text
    count = len(transfer.declaration_numbers) or len(transfer.item_ids)
    shorter = f"zie betaalspecificatie {end_to_end_id(run_id, transfer.provider)}: {count} declaraties"
    return sepa_text(f"{shorter}, periode {period}" if period else shorter)[:MAX_REMITTANCE]
