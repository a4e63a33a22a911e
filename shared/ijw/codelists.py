"""Names of the iJw code lists that people read beside a code (ijw-3.2.md §10), as the standard
names them: WJ756 Eenheid and WMO757 Frequentie."""

EENHEID: dict[str, str] = {
    "01": "minuut", "04": "uur", "14": "etmaal", "16": "dagdeel (4 uur)", "82": "stuks (output)",
    "83": "euro's", "84": "stuks (inspanning)",
}
FREQUENTIE: dict[str, str] = {
    "1": "per dag", "2": "per week", "4": "per maand", "6": "totaal binnen geldigheidsduur toewijzing",
}
