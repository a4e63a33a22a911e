"""Level-2 rules for JW305/JW307: the client (CS002, birth date), StatusAanlevering 1 or 3 only
(CS058, OP033x2), dates not after the message (TR134), a stop not before its start (TR018) and
no product twice (TR101)."""

from __future__ import annotations

from shared.ijw.errors import Finding
from shared.ijw.model.delivery import Jw305, Jw307, StoppedProduct
from shared.ijw.rules.common import birth_date_findings, bsn_findings, duplicate_findings, not_after_message, not_before

ALLOWED_STATUS = {"1", "3"}


def check_start_or_stop(m: Jw305 | Jw307) -> list[Finding]:
    dated, person = m.header.message_id.date, m.client.person
    findings = list(bsn_findings([("client.person.bsn", person.bsn)]))
    findings += birth_date_findings("client.person.birth_date", person.birth_date, dated)
    keys = []
    for i, product in enumerate(m.client.products):
        where = f"client.products[{i}]"
        if product.status not in ALLOWED_STATUS:  # CS058
            findings.append(Finding("CS058", f"StatusAanlevering {product.status} is not allowed; use 1 or 3",
                                    field=f"{where}.status"))
        category, code = (product.product.category, product.product.code) if product.product else (None, None)
        key = (product.allocation_number, category, code, product.start)
        if isinstance(product, StoppedProduct):
            findings += not_before("TR018", f"{where}.end", product.start, product.end, "Einddatum")
            findings += not_after_message(f"{where}.end", product.end, dated, "Einddatum")
            key += (product.reason, product.end)
        else:
            findings += not_after_message(f"{where}.start", product.start, dated, "Begindatum")
        keys.append((where, key))
    findings += duplicate_findings(keys, "the same start or stop")
    return findings
