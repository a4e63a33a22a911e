"""What the controllers' screens share: the year (and municipality) a report is for, as the URL
carries it, and the links to download a report as the service exports it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from urllib.parse import urlencode

from fastapi import Request

from shared.clock import SystemClock
from shared.auth.principal import Role, StaffPrincipal

YEARS_BACK = 3
FORMATS = {"xlsx": "Excel", "csv": "CSV"}


def may_read_reports(user: StaffPrincipal) -> bool:
    """The payments reports' own rule (controller or finance); the service checks it again."""
    return user.has(Role.CONTROLLER) or user.has(Role.FINANCE)


@dataclass(frozen=True)
class ReportChoice:
    jaar: int
    gemeente: str = ""

    @classmethod
    def of(cls, request: Request, today: date | None = None) -> ReportChoice:
        """A year from the list the form offers (else this year), and a municipality code as
        given (the service answers 404 for one that is not the user's)."""
        this_year = (today or SystemClock().today()).year
        text = request.query_params.get("jaar", "")
        year = int(text) if text.isdigit() and int(text) in years_around(this_year) else this_year
        municipality = request.query_params.get("gemeente", "").strip()
        return cls(year, municipality if municipality.isdigit() and len(municipality) == 4 else "")

    @property
    def years(self) -> list[tuple[str, str]]:
        return [(str(y), str(y)) for y in sorted({*years_around(SystemClock().today().year), self.jaar}, reverse=True)]

    def download(self, report: str, format: str, with_municipality: bool = False) -> str:
        params = {"jaar": self.jaar, **({"gemeente": self.gemeente} if with_municipality and self.gemeente else {})}
        return f"/download/{report}.{format}?{urlencode(params)}"


def years_around(year: int) -> range:
    return range(year - YEARS_BACK, year + 2)
