"""Level-2 rules for JW315/JW317: BSN (CS002) and the Eenheid/Frequentie combination (CS338)."""

from __future__ import annotations

from shared.ijw.errors import Finding
from shared.ijw.model.request import Jw315, Jw317
from shared.ijw.rules.common import bsn_findings, extent_findings


def check_jw315(m: Jw315) -> list[Finding]:
    findings = list(bsn_findings([("client.person.bsn", m.client.person.bsn)]))
    for i, product in enumerate(m.client.products):
        findings.extend(extent_findings(f"client.products[{i}]", product.extent))
    return findings


def check_jw317(m: Jw317) -> list[Finding]:
    request = m.client.request
    findings = list(bsn_findings([("client.bsn", m.client.bsn)]))
    for i, product in enumerate(request.changed):
        findings.extend(extent_findings(f"client.request.changed[{i}]", product.extent))
    for i, product in enumerate(request.new):
        findings.extend(extent_findings(f"client.request.new[{i}]", product.extent))
    return findings
