"""The spread of one product's tariffs drawn on the server as SVG (markup in
templates/region/tariffs.html): a dot per tariff in force on a line from the lowest to the
highest, and a mark at the regional tariff. Geometry only; the table beside it gives the figures
(lowest and highest among them), and the image's text alternative says them in words. A product
with one tariff has nothing to spread: no chart.

Colours as in charts.py: dark blue dots (10.2:1 on white) and a black regional mark."""

from __future__ import annotations

from dataclasses import dataclass

from services.web.charts import BUDGET, REALISED

WIDTH, HEIGHT, MARGIN = 200, 34, 10
DOT = 6


@dataclass(frozen=True)
class Dot:
    x: float
    y: float


@dataclass(frozen=True)
class SpreadChart:
    dots: list[Dot]
    regional_x: float
    varied: bool
    """More than one amount among the tariffs and the regional tariff: something to draw."""
    width: int = WIDTH
    height: int = HEIGHT
    left: int = MARGIN
    right: int = WIDTH - MARGIN
    axis_y: int = HEIGHT - DOT - 2
    radius: int = DOT
    dot_colour: str = REALISED
    regional_colour: str = BUDGET


def spread_chart(tariffs: list[int], regional: int) -> SpreadChart:
    """Equal tariffs stack upward, so each one stays visible."""
    low, high = min([*tariffs, regional]), max([*tariffs, regional])
    span = max(1, high - low)

    def x(cents: int) -> float:
        return round(MARGIN + (WIDTH - 2 * MARGIN) * (cents - low) / span, 1) if high > low else WIDTH / 2

    seen: dict[int, int] = {}
    dots = []
    for cents in sorted(tariffs):
        seen[cents] = seen.get(cents, 0) + 1
        dots.append(Dot(x(cents), max(DOT + 1, HEIGHT - DOT - 2 - (seen[cents] - 1) * (DOT + 2))))
    return SpreadChart(dots, x(regional), high > low)
