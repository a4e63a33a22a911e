"""Names of the iJw code lists that people read beside a code (ijw-3.2.md §10), as the standard
names them: WJ756 Eenheid, WMO757 Frequentie, and those the access team's forms offer."""

EENHEID: dict[str, str] = {
    "01": "minuut", "04": "uur", "14": "etmaal", "16": "dagdeel (4 uur)", "82": "stuks (output)",
    "83": "euro's", "84": "stuks (inspanning)",
}
FREQUENTIE: dict[str, str] = {
    "1": "per dag", "2": "per week", "4": "per maand", "6": "totaal binnen geldigheidsduur toewijzing",
}
REDEN_WIJZIGING: dict[str, str] = {
    "01": "administratieve correctie (vervallen)", "02": "cliënt overleden", "03": "contractwijziging",
    "04": "herbeoordeling: verlenging", "05": "herbeoordeling: verkorting", "06": "uitstroom naar ander domein",
    "07": "verhuizing naar andere gemeente", "08": "wijziging leveringsvorm", "09": "overstap naar andere aanbieder",
    "10": "overgang nieuwe bekostigingssystematiek", "11": "gemeentelijke herindeling",
    "12": "geïnitieerd door de aanbieder", "13": "verwijderd", "14": "administratieve correctie",
}
"""JZ002 RedenWijziging."""
REDEN_AFWIJZING_VERZOEK: dict[str, str] = {
    "1": "geen wijziging maar nieuwe aanvraag", "2": "past niet binnen budget", "3": "geen contract",
    "4": "past niet binnen contract", "5": "andere gemeente", "6": "stapeling", "7": "zorginhoudelijke afkeur",
    "8": "woonplaatsbeginsel", "9": "leeftijdsgrens",
}
"""WJ759 RedenAfwijzingVerzoek."""
REDEN_VERZOEK: dict[str, str] = {"1": "verandering cliëntsituatie", "2": "wijziging zorgplan"}
"""WJ758 RedenVerzoek."""
VERWIJZER: dict[str, str] = {
    "01": "gemeente", "02": "huisarts", "03": "jeugdarts", "04": "gecertificeerde instelling",
    "05": "medisch specialist", "06": "zelfverwijzer", "08": "rechter, officier van justitie of JJI",
}
"""COD327 Verwijzer Type."""
GESLACHT: dict[str, str] = {"0": "onbekend", "1": "man", "2": "vrouw"}
"""COD046 Geslacht."""
REDEN_BEEINDIGING: dict[str, str] = {
    "02": "overlijden", "20": "levering tijdelijk beëindigd", "31": "volgens plan", "32": "voortijdig door cliënt",
    "33": "voortijdig door aanbieder", "34": "in overeenstemming", "35": "externe omstandigheden",
    "36": "geïnitieerd door gemeente", "37": "i.v.m. wijzigingsverzoek", "38": "overstap andere aanbieder",
    "39": "uitstroom ander domein",
}
"""JZ588 RedenBeeindiging (the reason a JW307 stop gives)."""
