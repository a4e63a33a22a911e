"""Level-2 rules for JW301 (the client, its contacts and relations, every ToegewezenProduct;
iJw 3.2 §4 and the regelrapport's "bericht inhoud" rules)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from shared.ijw.errors import Finding
from shared.ijw.model.allocation import Allocation, AllocationClient, Jw301
from shared.ijw.rules.common import (
    Asked, Planned, birth_date_findings, bsn_findings, communication_findings, contact_findings,
    duplicate_findings, extent_findings, name_findings, not_after_message, not_before, overlap_findings,
    product_findings,
)

ADDRESS_KINDS_FOR_A_CLIENT = {"01", "02", "03"}  # TR061: BRP, correspondentie or verblijf


def allocation_findings(where: str, a: Allocation) -> Iterator[Finding]:
    yield from product_findings(Asked(where, a.product, a.extent, a.budget, a.end), without_code="CD080")
    yield from extent_findings(where, a.extent, a.end)
    yield from not_before("CS003", f"{where}.end", a.start, a.end, "Einddatum")
    if a.change_reason == "13" and a.end != a.start:
        yield Finding("CS335", "RedenWijziging 13 needs Einddatum equal to Ingangsdatum", field=f"{where}.end")
    if a.change_reason == "01":
        yield Finding("CS336", "RedenWijziging 01 may no longer be used", field=f"{where}.change_reason")


def client_findings(c: AllocationClient, dated: date) -> Iterator[Finding]:
    yield from bsn_findings([("client.bsn", c.bsn)])
    yield from birth_date_findings("client.birth_date", c.birth_date, dated)
    yield from name_findings("client.name", c.name)
    if c.name.name_usage == "6":  # CS318: a client is a natural person
        yield Finding("CS318", "NaamGebruik 6 is not allowed for a client", field="client.name.name_usage")
    yield from communication_findings("client.communication", c.communication)
    for i, contact in enumerate(c.contacts):
        yield from _contact(f"client.contacts[{i}]", contact)
    if not any(contact.kind in ADDRESS_KINDS_FOR_A_CLIENT for contact in c.contacts):
        yield Finding("TR061", "a client needs a contact of Soort 01, 02 or 03", field="client.contacts")
    yield from duplicate_findings(((f"client.contacts[{i}]", x.kind) for i, x in enumerate(c.contacts)),
                                  "Contact Soort")
    for i, relation in enumerate(c.relations):
        where = f"client.relations[{i}]"
        if relation.birth_date is not None:
            yield from birth_date_findings(f"{where}.birth_date", relation.birth_date, dated)
        yield from name_findings(f"{where}.name", relation.name)
        yield from _contact(f"{where}.contact", relation.contact)
    yield from duplicate_findings(((f"client.relations[{i}]", x.number) for i, x in enumerate(c.relations)),
                                  "Relatie Nummer")


def _contact(where: str, contact) -> Iterator[Finding]:  # type: ignore[no-untyped-def]
    yield from contact_findings(where, contact)
    if contact.period is not None:
        yield from not_before("CS003", f"{where}.period.end", contact.period.start, contact.period.end, "Einddatum")


def check_jw301(m: Jw301) -> list[Finding]:
    dated, allocations = m.header.message_id.date, m.client.allocations
    findings = list(client_findings(m.client, dated))
    for i, allocation in enumerate(allocations):
        where = f"client.allocations[{i}]"
        findings += allocation_findings(where, allocation)
        findings += not_after_message(f"{where}.decision_date", allocation.decision_date, dated, "Toewijzingsdatum")
    findings += duplicate_findings(((f"client.allocations[{i}]", a.number) for i, a in enumerate(allocations)),
                                   "ToewijzingNummer")
    findings += overlap_findings("TR302", [Planned(f"client.allocations[{i}]", a.product, a.start, a.end)
                                           for i, a in enumerate(allocations) if not _deleted(a)])
    return findings


def _deleted(a: Allocation) -> bool:
    """TR302: a deleted allocation (13, or the old 01, ending on its start date) is not current."""
    return a.change_reason in ("01", "13") and a.end == a.start
