"""Dutch presentation of money and dates, and reading amounts as people type them.

Presentation only: amounts stay integer eurocents everywhere else; these functions never round.
"""

from __future__ import annotations

import re
from datetime import date, datetime

from shared.clock import AMSTERDAM

MONTHS = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
          "november", "december")
AMOUNT = re.compile(r"^(-)?(\d{1,3}(?:\.\d{3})+|\d+)(?:,(\d{1,2}))?$")


def euro(cents: int | None) -> str:
    """12345678 -> '€ 123.456,78'; negative amounts as '-€ 5,00'."""
    if cents is None:
        return ""
    whole, rest = divmod(abs(cents), 100)
    return f"{'-' if cents < 0 else ''}€ {whole:,}".replace(",", ".") + f",{rest:02d}"


def basis_points(value: int | None) -> str:
    """2500 (hundredths of a percent, as the services give shares) -> '25,00 %'."""
    if value is None:
        return ""
    whole, rest = divmod(abs(value), 100)
    return f"{'-' if value < 0 else ''}{whole},{rest:02d} %"


def long_date(value: date | str | None) -> str:
    """'2026-05-06' -> '6 mei 2026'."""
    if value is None or value == "":
        return ""
    day = date.fromisoformat(value) if isinstance(value, str) else value
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def short_date(value: date | str | None) -> str:
    """'2026-05-06' -> '06-05-2026', the form Dutch staff type and read in tables."""
    if value is None or value == "":
        return ""
    day = date.fromisoformat(value) if isinstance(value, str) else value
    return day.strftime("%d-%m-%Y")


def cents_from_text(text: str) -> int:
    """'1.234,56', '1234,5' or '1234' (euros, as typed) -> eurocents; ValueError otherwise."""
    match = AMOUNT.match(text.strip().removeprefix("€").strip())
    if match is None:
        raise ValueError(text)
    sign, whole, fraction = match.groups()
    cents = int(whole.replace(".", "")) * 100 + int((fraction or "0").ljust(2, "0"))
    return -cents if sign else cents


def date_from_text(text: str) -> date:
    """'06-05-2026' or '2026-05-06' (a date field) -> date; ValueError otherwise."""
    text = text.strip()
    if re.fullmatch(r"\d{1,2}-\d{1,2}-\d{4}", text):
        day, month, year = (int(part) for part in text.split("-"))
        return date(year, month, day)
    return date.fromisoformat(text)


def moment(value: str) -> str:
    """An ISO timestamp with its zone -> '6 december 2026, 10:15', in Dutch time."""
    at = datetime.fromisoformat(value)
    local = at.astimezone(AMSTERDAM) if at.tzinfo else at
    return f"{long_date(local.date())}, {local:%H:%M}"
