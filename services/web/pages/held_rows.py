"""View models of held lines, shared by the queue and the line page: names instead of codes, each
retourcode with its description, and the declared line beside what it was compared with."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any
from urllib.parse import quote

from services.web.clients.gateway import Directory
from services.web.formatting import MONTHS, euro, short_date
from shared.ijw.codelists import EENHEID, FREQUENTIE


@dataclass(frozen=True)
class Code:
    code: str
    description: str


@dataclass(frozen=True)
class HeldRow:
    declaration_id: str
    declaration_number: str
    reference: str
    municipality: str
    provider: str
    product: str
    period: str
    amount: int
    codes: list[Code]
    ceiling: bool
    """Held for the contract's budget ceiling (no retourcode exists for that)."""
    status: str
    answer_due: str
    working_days_left: int
    auto_reject_on: str | None
    claimed_by: str | None
    url: str


@dataclass(frozen=True)
class Compared:
    label: str
    declared: str
    allocation: str
    contract: str


def held_row(line: dict[str, Any], directory: Directory, codes: dict[str, dict[str, str]]) -> HeldRow:
    declared = line["line"]
    return HeldRow(
        line["declaration_id"], line["declaration_number"], line["reference"],
        directory.municipality(line["municipality"]), directory.provider(line["provider"]),
        f"{declared['category']} {declared['code']}", period(declared["begin"], declared["end"]),
        line["amount"], [Code(c, codes.get(c, {}).get("description", "onbekende code")) for c in line["codes"]],
        line["compared_with"].get("ceiling_contract") is not None, line["status"], line["answer_due"],
        line["working_days_left"], line["due_on"], line["claimed_by"],
        f"/wachtrij/{quote(line['declaration_id'])}/{quote(line['reference'])}",
    )


def comparison(line: dict[str, Any]) -> list[Compared]:
    """The declared line, the allocation version and the contract tariff, field by field."""
    declared, basis, version = line["line"], line["compared_with"], line.get("allocation") or {}
    extent = version.get("extent") or {}
    tariff_unit = basis.get("tariff_unit")
    return [
        Compared("Productcategorie", declared["category"], version.get("category", "—"), "—"),
        Compared("Productcode", declared["code"], version.get("code", "—"), basis.get("tariff_code") or "—"),
        Compared("Periode", f"{short_date(declared['begin'])} t/m {short_date(declared['end'])}",
                 _period(version.get("start"), version.get("end")),
                 f"geldig vanaf {short_date(basis['tariff_valid_from'])}" if basis.get("tariff_valid_from") else "—"),
        Compared("Volume", f"{declared['volume']} {EENHEID.get(declared['unit'], declared['unit'])}",
                 _extent(extent), "—"),
        Compared("Eenheid", EENHEID.get(declared["unit"], declared["unit"]),
                 EENHEID.get(extent.get("unit", ""), "—"), EENHEID.get(tariff_unit, "—") if tariff_unit else "—"),
        Compared("ProductTarief", euro(declared["tariff"]), "—", euro(basis.get("tariff_cents")) or "—"),
        Compared("Bedrag", euro(line["amount"]), euro(version.get("budget")) or "—", "—"),
    ]


def period(begin: str, end: str) -> str:
    """A declared period in few words: a whole month is 'maart 2026'."""
    first, last = date.fromisoformat(begin), date.fromisoformat(end)
    if first.day == 1 and (last + timedelta(days=1)).day == 1 and (first.year, first.month) == (last.year, last.month):
        return f"{MONTHS[first.month - 1]} {first.year}"
    return f"{short_date(begin)} t/m {short_date(end)}"


def _period(start: str | None, end: str | None) -> str:
    if not start:
        return "—"
    return f"{short_date(start)} t/m {short_date(end) if end else 'open einde'}"


def _extent(extent: dict[str, Any]) -> str:
    if not extent:
        return "—"
    return (f"{extent['volume']} {EENHEID.get(extent['unit'], extent['unit'])} "
            f"{FREQUENTIE.get(extent['frequency'], extent['frequency'])}")
