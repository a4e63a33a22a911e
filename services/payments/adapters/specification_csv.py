"""The payment specification as CSV for Dutch spreadsheets (issue 15): `;` between fields, a UTF-8
byte order mark (without it Excel reads UTF-8 as Windows-1252), euros with a decimal comma and no
thousands separator, months as YYYY-MM; one row per item, each with the transfer's EndToEndId so
rows of several runs can be put together and still matched to the bank statement."""

from __future__ import annotations

import csv
import io

from services.payments.domain.book import ADVANCE, CREDIT, LINE, SETTLEMENT, Item
from services.payments.domain.specification import Specification

KINDS = {LINE: "declaratieregel", CREDIT: "creditregel", ADVANCE: "voorschot", SETTLEMENT: "afrekening voorschotten"}
HEADER = ("betaalreferentie", "soort", "gemeente", "declaratienummer", "referentie", "crediteert", "contract",
          "periode", "goedgekeurd", "voorschotten verrekend", "bedrag")


def dutch_euros(cents: int | None) -> str:
    """Integer eurocents as "1234,56" (integer arithmetic only); empty for no amount."""
    if cents is None:
        return ""
    whole, rest = divmod(abs(cents), 100)
    return f"{'-' if cents < 0 else ''}{whole},{rest:02d}"


def specification_csv(spec: Specification) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(HEADER)
    writer.writerows(_row(spec, item) for item in spec.items)
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def _row(spec: Specification, item: Item) -> list[str]:
    period = str(item.period_start.year) if item.kind == SETTLEMENT else item.period_start.strftime("%Y-%m")
    return [spec.end_to_end_id, KINDS[item.kind], item.municipality, item.declaration_number or "",
            item.reference or "", credited_reference(item) or "", item.contract_id, period,
            dutch_euros(item.approved), dutch_euros(item.advances_paid), dutch_euros(item.amount)]


def credited_reference(item: Item) -> str | None:
    """The provider's reference of the line a credit cancels (line ids are `<provider>:<reference>`)."""
    return item.credited_line_id.split(":", 1)[-1] if item.credited_line_id else None
