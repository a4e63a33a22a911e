"""Dutch headings of the columns of the region's procurement and outcome reports (issue 17),
merged into the export's headings (exports.LABELS)."""

REGION_LABELS = {
    "subcontractor": "AGB-code uitvoerder", "subcontractor name": "uitvoerder",
    "own care": "eigen levering", "subcontracted": "via onderaannemers",
    "municipalities": "gemeenten", "municipality count": "aantal gemeenten", "contracts": "contracten",
    "product": "productcode", "product name": "product", "unit": "eenheid", "tariffs": "tarieven", "lowest": "laagste", "median": "mediaan",
    "highest": "hoogste", "regional tariff": "regiotarief", "source": "bron regiotarief",
    "at regional tariff": "tegen regiotarief", "difference": "verschil", "unpriced": "niet te prijzen",
    "tariff": "tarief",
    "stops": "beëindigingen", "dropouts": "uitval", "dropout %": "uitval (%)", "mean days": "gemiddelde duur (dagen)",
    "median days": "mediane duur (dagen)", "re-entries": "heraanmeldingen", "re-entry known": "heraanmelding bekend",
    "re-entry %": "heraanmelding (%)", "satisfaction": "cliënttevredenheid", "goal attainment": "doelrealisatie (%)",
    "respondents": "respondenten", "allocation": "toewijzing", "client": "cliënt (pseudoniem)", "begin": "begindatum",
    "end": "einddatum", "reason": "reden beëindiging", "days": "duur (dagen)", "dropout": "uitval",
    "re-entry": "heraanmelding", "clause": "afspraak", "indicator": "indicator", "period": "periode",
    "measured": "gemeten", "threshold": "drempel", "cases": "aantal gevallen",
}
