"""What the screens on how the region buys care (issue 17) are for, as the URL carries it: a year,
a month (the tariff view) or a period — a year or one of its quarters (the outcome indicators) —
and the links to download their tables."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from urllib.parse import urlencode

from fastapi import Request

from services.web.formatting import MONTHS
from services.web.pages.report_choice import years_around
from shared.clock import SystemClock

QUARTERS = {1: "1e kwartaal", 2: "2e kwartaal", 3: "3e kwartaal", 4: "4e kwartaal"}


def _year(request: Request, this_year: int) -> int:
    text = request.query_params.get("jaar", "")
    return int(text) if text.isdigit() and int(text) in years_around(this_year) else this_year


def _number(request: Request, name: str, allowed: range) -> int | None:
    text = request.query_params.get(name, "")
    return int(text) if text.isdigit() and int(text) in allowed else None


def year_options(chosen: int) -> list[tuple[str, str]]:
    return [(str(y), str(y)) for y in sorted({*years_around(SystemClock().today().year), chosen}, reverse=True)]


def download(report: str, format: str, params: dict[str, object]) -> str:
    present = {k: v for k, v in params.items() if v not in (None, "")}
    return f"/overzichten/{report}.{format}?{urlencode(present)}"


@dataclass(frozen=True)
class MonthChoice:
    jaar: int
    maand: int

    @classmethod
    def of(cls, request: Request, today: date | None = None) -> MonthChoice:
        """A month as chosen, else the last whole month (its care is declared by now)."""
        today = today or SystemClock().today()
        last = date(today.year - 1, 12, 1) if today.month == 1 else date(today.year, today.month - 1, 1)
        month = _number(request, "maand", range(1, 13))
        if month is None:
            return cls(last.year, last.month)
        return cls(_year(request, today.year), month)

    @property
    def first_day(self) -> str:
        return date(self.jaar, self.maand, 1).isoformat()

    @property
    def name(self) -> str:
        return f"{MONTHS[self.maand - 1]} {self.jaar}"

    @property
    def years(self) -> list[tuple[str, str]]:
        return year_options(self.jaar)

    @property
    def months(self) -> list[tuple[str, str]]:
        return [(str(n), name) for n, name in enumerate(MONTHS, start=1)]

    def download(self, report: str, format: str) -> str:
        return download(report, format, {"jaar": self.jaar, "maand": self.maand})


@dataclass(frozen=True)
class PeriodChoice:
    jaar: int
    kwartaal: int | None = None
    """1 to 4, or None for the whole year."""

    @classmethod
    def of(cls, request: Request, today: date | None = None) -> PeriodChoice:
        return cls(_year(request, (today or SystemClock().today()).year), _number(request, "kwartaal", range(1, 5)))

    @property
    def label(self) -> str:
        """The period as the payments service names it: 2026 or 2026-K1."""
        return f"{self.jaar}-K{self.kwartaal}" if self.kwartaal else str(self.jaar)

    @property
    def name(self) -> str:
        return f"{QUARTERS[self.kwartaal]} {self.jaar}" if self.kwartaal else str(self.jaar)

    @property
    def params(self) -> dict[str, object]:
        return {"jaar": self.jaar, "kwartaal": self.kwartaal}

    @property
    def years(self) -> list[tuple[str, str]]:
        return year_options(self.jaar)

    @property
    def quarters(self) -> list[tuple[str, str]]:
        return [("", "het hele jaar"), *((str(q), name) for q, name in QUARTERS.items())]


def period_name(label: str) -> str:
    """'2026-K1' -> '1e kwartaal 2026'; '2026' stays."""
    year, _, quarter = label.partition("-K")
    return f"{QUARTERS[int(quarter)]} {year}" if quarter.isdigit() and int(quarter) in QUARTERS else label
