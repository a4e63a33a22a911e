"""The retour header every answer to a heen-bericht carries (ijw-3.2.md §7)."""

from __future__ import annotations

from datetime import date

from shared.ijw.model.basis import Header, ReturnHeader, XsdVersion

XSD = XsdVersion("1.0.0", "1.0.0")
OK = "0200"
REJECTED = "0001"


def return_header(original: Header, identification: str, today: date, codes: tuple[str, ...] = ()) -> ReturnHeader:
    """The original header copied plus the retour fields; no codes when all is well."""
    return ReturnHeader(original, identification, today, XSD, codes=codes)


def product_codes(codes: list[str | None]) -> list[str]:
    """OP065: every class of a returned client coded, 0200 where there is no remark."""
    return [code or OK for code in codes]
