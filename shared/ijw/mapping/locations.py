"""Model paths (what level-2 rules report) translated to iJw element paths (shared.ijw.locating
finds their line and column).

"declaration.clients[0].lines[1].reference" in a JW323 becomes
"/Bericht/Declaratie/Clienten/Client[1]/Prestaties/Prestatie[2]/ProductReferentie/ReferentieNummer".
"""

from __future__ import annotations

import re

_STEP = re.compile(r"^([a-z_]+)(?:\[(\d+)\])?$")

# (message, model attribute) -> element path; an indexed attribute gets its position on the last step.
_COMMON = {"bsn": "Bsn", "extent": "Omvang", "product": "Product", "end": "Einddatum", "budget": "Budget",
           "birth_date": "Geboortedatum", "usage": "DatumGebruik", "name": "Naam", "name_usage": "NaamGebruik"}
_CONTACT = {"contacts": "Contactgegevens/Contact", "contact": "Contact", "kind": "Soort", "address": "Adres",
            "postcode": "Postcode", "house": "Huis", "phone": "Telefoon", "period": "Periode",
            "communication": "Communicatie", "language": "Taal", "relations": "Relaties/Relatie"}
_BY_MESSAGE: dict[str, dict[str, str]] = {
    "323": {"declaration": "Declaratie", "clients": "Clienten/Client", "lines": "Prestaties/Prestatie",
            "number": "DeclaratieNummer", "total": "TotaalIngediendBedrag", "amount": "IngediendBedrag",
            "tariff": "ProductTarief", "reference": "ProductReferentie/ReferentieNummer",
            "previous_reference": "ProductReferentie/VorigReferentieNummer", "declaration.period": "DeclaratiePeriode",
            "period": "ProductPeriode"},
    "325": {"answer": "DeclaratieAntwoord", "clients": "Clienten/Client", "lines": "Prestaties/Prestatie",
            "total_submitted": "TotaalIngediendBedrag", "total_granted": "TotaalToegekendBedrag",
            "amount": "IngediendBedrag", "period": "ProductPeriode",
            "previous_reference": "ProductReferentie/VorigReferentieNummer"},
    "301": {"client": "Client", "allocations": "ToegewezenProducten/ToegewezenProduct", **_CONTACT,
            "change_reason": "RedenWijziging", "decision_date": "Toewijzingsdatum"},
    "305": {"client": "Client", "person": "", "products": "StartProducten/StartProduct", "status": "StatusAanlevering",
            "start": "Begindatum"},
    "307": {"client": "Client", "person": "", "products": "StopProducten/StopProduct", "status": "StatusAanlevering"},
    "315": {"client": "Client", "person": "", "products": "AangevraagdeProducten/AangevraagdProduct",
            "client.products.end": "ToewijzingEinddatum", "decision_start": "BeschikkingIngangsdatum",
            "referrer": "Verwijzer", "agb": "ZorgverlenerCode"},
    "317": {"client": "Client", "request": "Verzoek", "changed": "TeWijzigenProducten/TeWijzigenProduct",
            "new": "NieuweProducten/NieuwProduct", "unchanged": "OngewijzigdeProducten/OngewijzigdProduct",
            "desired_start": "GewensteIngangsdatum"},
    "319": {"answer": "Antwoord", "rejection_reason": "RedenAfwijzingVerzoek",
            "residence_municipality": "Woonplaatsbeginsel"},
}


def element_path(code: str, model_path: str) -> str | None:
    """The iJw element path for a model path, or None when we have no translation for it."""
    table = {**_COMMON, **_BY_MESSAGE.get(code, {})}
    steps, seen = ["", "Bericht"], ""
    for token in model_path.split("."):
        match = _STEP.match(token)
        if match is None:
            return None
        name, index = match.groups()
        seen = f"{seen}.{name}" if seen else name
        fragment = table.get(seen, table.get(name))
        if fragment is None:
            return None
        if fragment:
            steps.append(fragment + (f"[{int(index) + 1}]" if index is not None else ""))
    return "/".join(steps)
