"""The WJ001 retourcodes the invoicing service can put in a JW325, with the rule behind each.

`LINE_ORDER` is the order in which findings on one line are reported (ijw-3.2.md §12): a line
gets every code whose rule it fails, listed in this order so answers are deterministic.
"""

from __future__ import annotations

TECHNICAL = "0001"
NO_REMARK = "0200"
NOT_ASSESSED = "0233"
FULLY_APPROVED = "8001"

MESSAGE_ID_REUSED = "9056"
DATED_IN_FUTURE = "8848"
UNKNOWN_GEMEENTE = "S300"
HEADER_CODES = (MESSAGE_ID_REUSED, DATED_IN_FUTURE, UNKNOWN_GEMEENTE)

DECLARATION_NUMBER_REUSED = "9333"
PERIOD_OUT_OF_SEQUENCE = "8214"
DECLARATION_CODES = (DECLARATION_NUMBER_REUSED, PERIOD_OUT_OF_SEQUENCE)

CLIENT_MISMATCH = "8187"

NO_ALLOCATION = "9338"
ALLOCATION_DELETED = "9384"
CATEGORY_MISMATCH = "9339"
CODE_MISMATCH = "9340"
CODE_NOT_IN_CATEGORY = "S329"
UNIT_MISMATCH = "9341"
BEFORE_ALLOCATION_START = "9307"
AFTER_ALLOCATION_END = "9308"
NOT_FROM_MONTH_START = "9387"
NOT_TO_MONTH_END = "9388"
AFTER_DECLARATION_PERIOD = "9319"
DUPLICATE_CLAIM = "9389"
REFERENCE_REUSED = "8021"
PERIOD_VOLUME_EXCEEDED = "9321"
TOTAL_VOLUME_EXCEEDED = "9322"
BUDGET_EXCEEDED = "9369"
WRONG_TARIFF = "0611"
WRONG_AMOUNT = "9346"
CREDIT_WITHOUT_DEBIT = "8017"
ALREADY_CREDITED = "9390"

LINE_ORDER: tuple[str, ...] = (
    NO_ALLOCATION, ALLOCATION_DELETED, CATEGORY_MISMATCH, CODE_MISMATCH, CODE_NOT_IN_CATEGORY,
    UNIT_MISMATCH, BEFORE_ALLOCATION_START, AFTER_ALLOCATION_END, NOT_FROM_MONTH_START,
    NOT_TO_MONTH_END, AFTER_DECLARATION_PERIOD, DUPLICATE_CLAIM, REFERENCE_REUSED,
    PERIOD_VOLUME_EXCEEDED, TOTAL_VOLUME_EXCEEDED, BUDGET_EXCEEDED, WRONG_TARIFF, WRONG_AMOUNT,
    CREDIT_WITHOUT_DEBIT, ALREADY_CREDITED,
)
LINE_RANK = {code: rank for rank, code in enumerate(LINE_ORDER)}

RULE_OF: dict[str, str] = {
    MESSAGE_ID_REUSED: "TR056", DATED_IN_FUTURE: "TR135", UNKNOWN_GEMEENTE: "TR378",
    DECLARATION_NUMBER_REUSED: "TR333", PERIOD_OUT_OF_SEQUENCE: "TR318", CLIENT_MISMATCH: "TR304",
    NO_ALLOCATION: "TR338", ALLOCATION_DELETED: "TR384", CATEGORY_MISMATCH: "TR339",
    CODE_MISMATCH: "TR340", CODE_NOT_IN_CATEGORY: "TR381", UNIT_MISMATCH: "TR341",
    BEFORE_ALLOCATION_START: "TR307", AFTER_ALLOCATION_END: "TR308", NOT_FROM_MONTH_START: "TR387",
    NOT_TO_MONTH_END: "TR388", AFTER_DECLARATION_PERIOD: "TR319", DUPLICATE_CLAIM: "TR389",
    REFERENCE_REUSED: "TR314", PERIOD_VOLUME_EXCEEDED: "TR321", TOTAL_VOLUME_EXCEEDED: "TR322",
    BUDGET_EXCEEDED: "TR369", WRONG_TARIFF: "TR418", WRONG_AMOUNT: "TR346",
    CREDIT_WITHOUT_DEBIT: "TR323", ALREADY_CREDITED: "TR390",
}

# What each code means, in Dutch for the staff screens (our own words for the standard's WJ001
# texts, ijw-3.2.md §11.3; iJw element names verbatim). One table: the workbench shows these.
DESCRIPTION: dict[str, str] = {
    MESSAGE_ID_REUSED: "BerichtIdentificatie is niet uniek voor deze afzender en dit berichttype",
    DATED_IN_FUTURE: "Dagtekening ligt in de toekomst",
    UNKNOWN_GEMEENTE: "Gemeentecode komt niet voor in de CBS-lijst van gemeenten",
    DECLARATION_NUMBER_REUSED: "DeclaratieNummer is niet uniek voor deze aanbieder",
    PERIOD_OUT_OF_SEQUENCE: "DeclaratiePeriode sluit niet aan op de vorige declaratie",
    CLIENT_MISMATCH: "BSN hoort niet bij de cliënt van de toewijzing",
    NO_ALLOCATION: "Geen toewijzing bij het ToewijzingNummer van de prestatie",
    ALLOCATION_DELETED: "Gedeclareerd op een verwijderde toewijzing (RedenWijziging 13)",
    CATEGORY_MISMATCH: "ProductCategorie wijkt af van de toegewezen categorie",
    CODE_MISMATCH: "ProductCode wijkt af van de toegewezen productcode",
    CODE_NOT_IN_CATEGORY: "ProductCode hoort niet bij de ProductCategorie",
    UNIT_MISMATCH: "Eenheid past niet bij de toegewezen eenheid",
    BEFORE_ALLOCATION_START: "ProductPeriode begint vóór de Ingangsdatum van de toewijzing",
    AFTER_ALLOCATION_END: "ProductPeriode eindigt na de Einddatum van de toewijzing",
    NOT_FROM_MONTH_START: "ProductPeriode begint niet op de 1e van de maand, terwijl de toewijzing eerder begon",
    NOT_TO_MONTH_END: "ProductPeriode eindigt niet op de laatste dag van de maand, terwijl de toewijzing later eindigt",
    AFTER_DECLARATION_PERIOD: "ProductPeriode ligt na de DeclaratiePeriode",
    DUPLICATE_CLAIM: "Deze prestatie is al gedeclareerd en niet gecrediteerd (dubbele declaratie)",
    REFERENCE_REUSED: "ReferentieNummer is al eerder gebruikt",
    PERIOD_VOLUME_EXCEEDED: "GeleverdVolume is hoger dan het toegewezen volume in deze periode",
    TOTAL_VOLUME_EXCEEDED: "Totaal gedeclareerd volume is hoger dan het totaal toegewezen volume",
    BUDGET_EXCEEDED: "Totaal gedeclareerd bedrag is hoger dan het toegewezen budget",
    WRONG_TARIFF: "ProductTarief wijkt af van het contracttarief",
    WRONG_AMOUNT: "IngediendBedrag is niet gelijk aan GeleverdVolume maal ProductTarief",
    CREDIT_WITHOUT_DEBIT: "Creditprestatie zonder goedgekeurde debetprestatie",
    ALREADY_CREDITED: "Prestatie is al gecrediteerd",
}

# The codes of a JW325 that answer rather than refuse (no rule of their own fails): shown beside an
# answer, never chosen to reject a line.
ANSWER_DESCRIPTION: dict[str, str] = {
    TECHNICAL: "Bericht voldoet niet aan de technische regels van het iJw (niet beoordeeld)",
    NO_REMARK: "Geen opmerking",
    NOT_ASSESSED: "Prestatie niet beoordeeld, omdat de cliënt is afgewezen",
    FULLY_APPROVED: "Declaratie is volledig toegekend",
}
