"""Level-2 rules for JW305/JW307: BSN (CS002) and StatusAanlevering 1 or 3 only (CS058, OP033x2)."""

from __future__ import annotations

from shared.ijw.errors import Finding
from shared.ijw.model.delivery import Jw305, Jw307
from shared.ijw.rules.common import bsn_findings

ALLOWED_STATUS = {"1", "3"}


def check_start_or_stop(m: Jw305 | Jw307) -> list[Finding]:
    findings = list(bsn_findings([("client.person.bsn", m.client.person.bsn)]))
    for i, product in enumerate(m.client.products):
        if product.status not in ALLOWED_STATUS:  # CS058
            findings.append(Finding("CS058", f"StatusAanlevering {product.status} is not allowed; use 1 or 3",
                                    field=f"client.products[{i}].status"))
    return findings
