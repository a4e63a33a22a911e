"""Level-2 rules for JW315 (VOT), JW317 (VOW) and JW319 (antwoord)."""

from __future__ import annotations

from collections.abc import Iterator

from shared.ijw.errors import Finding
from shared.ijw.model.request import Jw315, Jw317, Jw319, RequestedProduct
from shared.ijw.rules.common import (
    REFERRERS_WITH_AGB, Asked, Planned, birth_date_findings, bsn_findings, duplicate_findings, extent_findings,
    filled, not_before, overlap_findings, product_findings, volume_findings,
)

WOONPLAATSBEGINSEL = "8"


def check_jw315(m: Jw315) -> list[Finding]:
    person, products = m.client.person, m.client.products
    findings = list(bsn_findings([("client.person.bsn", person.bsn)]))
    findings += birth_date_findings("client.person.birth_date", person.birth_date, m.header.message_id.date)
    for i, product in enumerate(products):
        findings += _requested(f"client.products[{i}]", product)
    references = [(f"client.products[{i}]", p.reference) for i, p in enumerate(products)]
    findings += duplicate_findings(references, "ReferentieAanbieder")
    findings += (Finding("TR383", f.message, field=f.field) for f in duplicate_findings(references, "ReferentieAanbieder"))
    findings += overlap_findings("TR386", [Planned(f"client.products[{i}]", p.product, p.start, p.end)
                                           for i, p in enumerate(products)])
    return findings


def _requested(where: str, p: RequestedProduct) -> Iterator[Finding]:
    yield from product_findings(Asked(where, p.product, p.extent, p.budget, p.end), without_code="CD095")
    yield from extent_findings(where, p.extent, p.end, rule="CS343")
    yield from not_before("CS003", f"{where}.end", p.start, p.end, "ToewijzingEinddatum")
    if filled(p.decision_number) != (p.decision_start is not None):
        yield Finding("CD043", "BeschikkingNummer and BeschikkingIngangsdatum are filled together",
                      field=f"{where}.decision_start")
    referrer = f"{where}.referrer"
    if p.referrer.kind in REFERRERS_WITH_AGB:
        if filled(p.referrer.agb) and filled(p.referrer.name):
            yield Finding("CD066", "Naam must be empty when ZorgverlenerCode is filled", field=f"{referrer}.name")
        if not filled(p.referrer.agb) and not filled(p.referrer.name):
            yield Finding("CD067", "Naam is required when ZorgverlenerCode is empty", field=f"{referrer}.name")
    elif filled(p.referrer.agb):
        yield Finding("CD068", f"ZorgverlenerCode must be empty for referrer type {p.referrer.kind}",
                      field=f"{referrer}.agb")


def check_jw317(m: Jw317) -> list[Finding]:
    request, dated = m.client.request, m.header.message_id.date
    findings = list(bsn_findings([("client.bsn", m.client.bsn)]))
    for i, changed in enumerate(request.changed):
        where = f"client.request.changed[{i}]"
        findings += volume_findings(Asked(where, None, changed.extent, changed.budget, changed.end))
        findings += extent_findings(where, changed.extent, changed.end)
        findings += not_before("CS003", f"{where}.end", changed.desired_start, changed.end, "Einddatum")
    for i, new in enumerate(request.new):
        where = f"client.request.new[{i}]"
        findings += product_findings(Asked(where, new.product, new.extent, new.budget, new.end), without_code="CD096")
        findings += extent_findings(where, new.extent, new.end)
        findings += not_before("CS003", f"{where}.end", new.desired_start, new.end, "Einddatum")
        if new.desired_start <= dated:  # TR380 (OP343): a new product is asked for the future
            findings.append(Finding("TR380", "GewensteIngangsdatum must lie after the message date",
                                    field=f"{where}.desired_start"))
    return findings + list(_request_shape(m))


def _request_shape(m: Jw317) -> Iterator[Finding]:
    request = m.client.request
    if not request.unchanged and not request.changed:
        yield Finding("TR352", "a VOW lists at least one OngewijzigdProduct or TeWijzigenProduct",
                      field="client.request")
    if not request.changed and not request.new:
        yield Finding("TR353", "a VOW asks for at least one TeWijzigenProduct or NieuwProduct",
                      field="client.request")
    yield from duplicate_findings(((f"client.request.unchanged[{i}]", p.allocation_number)
                                   for i, p in enumerate(request.unchanged)), "OngewijzigdProduct")
    yield from duplicate_findings(((f"client.request.changed[{i}]", p.allocation_number)
                                   for i, p in enumerate(request.changed)), "TeWijzigenProduct")
    new = [(f"client.request.new[{i}]", (p.product, p.desired_start)) for i, p in enumerate(request.new)]
    yield from duplicate_findings(new, "NieuwProduct")
    yield from overlap_findings("TR410", [Planned(f"client.request.new[{i}]", p.product, p.desired_start, p.end)
                                          for i, p in enumerate(request.new)])


def check_jw319(m: Jw319) -> list[Finding]:
    answer, findings = m.answer, []
    if answer.answer == "1" and not filled(answer.rejection_reason):
        findings.append(Finding("CD085", "a rejection (1) names RedenAfwijzingVerzoek", field="answer.rejection_reason"))
    if answer.answer == "2" and filled(answer.rejection_reason):
        findings.append(Finding("CD086", "RedenAfwijzingVerzoek is empty while in onderzoek (2)",
                                field="answer.rejection_reason"))
    if answer.rejection_reason == WOONPLAATSBEGINSEL and answer.residence_municipality is None:
        findings.append(Finding("TR377", "reason 8 names the Woonplaatsbeginsel gemeente",
                                field="answer.residence_municipality"))
    if answer.rejection_reason is not None and answer.rejection_reason != WOONPLAATSBEGINSEL \
            and answer.residence_municipality is not None:
        findings.append(Finding("TR409", "Woonplaatsbeginsel only with reason 8", field="answer.residence_municipality"))
    return findings
