"""Charts drawn on the server as SVG: geometry here, markup in templates/partials/charts.html.

No script and no chart library: a chart is a few rectangles and lines the template writes out,
so it shows without JavaScript, prints, and needs nothing from outside. Every chart is an image
with a text alternative, and the page shows the same figures in a table beside it.

Colours: each series has at least 3:1 contrast against the white background (WCAG 1.4.11,
non-text contrast), and stacked segments are parted by a white gap, so no two series need to
contrast with each other; the legend and the table name them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from services.web.formatting import MONTHS, euro

REALISED = "#154273"
"""Dark blue: 10.2:1 on white."""
COMMITTED = "#b85c00"
"""Dark orange: 4.6:1 on white, and apart from blue for every kind of colour blindness."""
HELD = COMMITTED
BUDGET = "#000000"
MONTH_ABBREVIATIONS = ("jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec")

WIDTH, HEIGHT = 760, 300
LEFT, RIGHT, TOP, BOTTOM = 96, 16, 24, 36
"""Room for the euro axis on the left, the month names below and the budget's label on top."""


@dataclass(frozen=True)
class Bar:
    x: float
    width: float
    label: str
    realised_y: float
    realised_height: float
    committed_y: float
    committed_height: float


@dataclass(frozen=True)
class Tick:
    y: float
    label: str


@dataclass(frozen=True)
class BudgetChart:
    """Per month, what was realised up to then with what is committed on top (the forecast up to
    that month), against the year's budget."""

    bars: list[Bar]
    ticks: list[Tick]
    budget_y: float
    budget_label: str
    width: int = WIDTH
    height: int = HEIGHT
    left: int = LEFT
    right: float = WIDTH - RIGHT
    baseline: float = HEIGHT - BOTTOM
    realised_colour: str = REALISED
    committed_colour: str = COMMITTED
    budget_colour: str = BUDGET


@dataclass(frozen=True)
class MonthFigures:
    month: date
    realised: int
    committed: int
    realised_to_date: int
    forecast_to_date: int
    """Realised and committed up to and including this month."""

    @property
    def name(self) -> str:
        return f"{MONTHS[self.month.month - 1]} {self.month.year}"


def cumulative(months: list[tuple[date, int, int, int]]) -> list[MonthFigures]:
    """(month, realised, committed, forecast to date) rows as the API gives them, with what was
    realised up to each month beside them."""
    found, realised_so_far = [], 0
    for month, realised, committed, forecast in sorted(months):
        realised_so_far += realised
        found.append(MonthFigures(month, realised, committed, realised_so_far, forecast))
    return found


def budget_chart(months: list[MonthFigures], budget: int) -> BudgetChart:
    top = nice_top(max([budget, *(m.forecast_to_date for m in months)]))
    plot_height = HEIGHT - TOP - BOTTOM
    slot = (WIDTH - LEFT - RIGHT) / max(1, len(months))

    def y(cents: int) -> float:
        return round(TOP + plot_height * (1 - max(0, cents) / top), 1)

    bars = []
    for index, m in enumerate(months):
        realised_top = y(m.realised_to_date)
        forecast_top = y(m.forecast_to_date)
        bars.append(Bar(round(LEFT + index * slot + slot * 0.2, 1), round(slot * 0.6, 1),
                        MONTH_ABBREVIATIONS[m.month.month - 1], realised_top,
                        round(HEIGHT - BOTTOM - realised_top, 1), forecast_top, round(realised_top - forecast_top, 1)))
    step = top // 4
    ticks = [Tick(y(step * n), axis_euro(step * n)) for n in range(5)]
    return BudgetChart(bars, ticks, y(budget), f"Budget {euro(budget)}")


def nice_top(cents: int) -> int:
    """The smallest round amount (1, 2, 2.5 or 5 times a power of ten, times 4 ticks) at or above
    `cents`, so the axis reads in round steps."""
    cents = max(cents, 400)
    magnitude = 1
    while magnitude * 10 <= cents / 4:
        magnitude *= 10
    for factor in (1, 2, 2.5, 5, 10):
        step = int(magnitude * factor)
        if step * 4 >= cents:
            return step * 4
    return magnitude * 40


def axis_euro(cents: int) -> str:
    """Short euro amounts for an axis: '€ 0', '€ 250.000', '€ 2,5 mln'."""
    euros = cents // 100
    if euros >= 1_000_000:
        millions = f"{euros / 1_000_000:.1f}".rstrip("0").rstrip(".").replace(".", ",")
        return f"€ {millions} mln"
    return f"€ {euros:,}".replace(",", ".")


@dataclass(frozen=True)
class UsageBar:
    """A ceiling's usage: approved and held as parts of one bar, with a tick at every warning
    threshold and at 100 % ("op rood"); the bar's scale grows past 100 % when usage does."""

    approved_width: float
    held_x: float
    held_width: float
    ticks: list[tuple[float, int]]
    width: int = 240
    height: int = 26
    bar_height: int = 18
    approved_colour: str = REALISED
    held_colour: str = HELD
    tick_colour: str = BUDGET


def usage_bar(ceiling: int, approved: int, held: int, thresholds: list[int]) -> UsageBar:
    width = 240
    scale = max(100.0, (approved + held) * 100 / ceiling if ceiling else 100.0)

    def x(percent: float) -> float:
        return round(width * min(percent, scale) / scale, 1)

    approved_pct = approved * 100 / ceiling if ceiling else 0.0
    held_pct = held * 100 / ceiling if ceiling else 0.0
    return UsageBar(x(approved_pct), x(approved_pct), round(x(approved_pct + held_pct) - x(approved_pct), 1),
                    [(x(p), p) for p in [*thresholds, 100]])
