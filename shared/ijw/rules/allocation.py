"""Level-2 rules for JW301 (conditions on ToegewezenProduct, iJw 3.2 §4)."""

from __future__ import annotations

from datetime import date
from typing import Iterator

from shared.ijw.errors import Finding
from shared.ijw.model.allocation import Allocation, Jw301
from shared.ijw.rules.common import bsn_findings, extent_findings

LAST_DAY_BEFORE_3_0 = date(2020, 12, 31)


def allocation_findings(where: str, a: Allocation) -> Iterator[Finding]:
    code = a.product.code if a.product is not None else None
    if a.budget is not None and a.end is None:
        yield Finding("CD075", "Einddatum is required when Budget is filled", field=f"{where}.end")
    if a.extent is not None and a.extent.frequency == "2" and a.end is None:
        yield Finding("CD076", "Einddatum is required with Frequentie 2 (per week)", field=f"{where}.end")
    if a.extent is not None and a.budget is not None:
        # CD077 (Omvang filled ⇒ Budget empty); its mirror CD078 is the same violation.
        yield Finding("CD077", "Omvang and Budget may not both be filled", field=f"{where}.budget")
    if a.budget is None and a.product is None:
        yield Finding("CD079", "Product is required when Budget is empty", field=f"{where}.product")
    if code is not None and a.extent is None:
        yield Finding("CD041", "Omvang is required when Product/Code is filled", field=f"{where}.extent")
    if code is None and a.extent is not None and (a.end is None or a.end > LAST_DAY_BEFORE_3_0):
        yield Finding("CD080", "Omvang must be empty when Product/Code is empty", field=f"{where}.extent")
    yield from extent_findings(where, a.extent)
    if a.change_reason == "13" and a.end != a.start:
        yield Finding("CS335", "RedenWijziging 13 needs Einddatum equal to Ingangsdatum", field=f"{where}.end")
    if a.change_reason == "01":
        yield Finding("CS336", "RedenWijziging 01 may no longer be used", field=f"{where}.change_reason")


def check_jw301(m: Jw301) -> list[Finding]:
    findings = list(bsn_findings([("client.bsn", m.client.bsn)]))
    for i, allocation in enumerate(m.client.allocations):
        findings.extend(allocation_findings(f"client.allocations[{i}]", allocation))
    return findings
