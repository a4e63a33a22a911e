"""The server-drawn charts: bars that add up to the figures, an axis in round euro steps, a
budget line where the budget is, and colours a person with low vision can tell from the page."""

from __future__ import annotations

from datetime import date

import pytest

from services.web import charts
from services.web.charts import axis_euro, budget_chart, cumulative, nice_top, usage_bar


def contrast(colour: str, background: str = "#ffffff") -> float:
    """WCAG 2.1 contrast ratio of two sRGB colours."""
    def luminance(hex_colour: str) -> float:
        channels = [int(hex_colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
        linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
    light, dark = sorted((luminance(colour), luminance(background)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


@pytest.mark.parametrize("colour", [charts.REALISED, charts.COMMITTED, charts.HELD, charts.BUDGET])
def test_every_series_stands_out_from_the_white_page_by_at_least_three_to_one(colour):
    assert contrast(colour) >= 3.0  # WCAG 1.4.11 non-text contrast


def test_months_add_up_to_what_was_realised_so_far_and_the_bars_reach_the_forecast():
    rows = [(date(2026, m, 1), 100_000 if m <= 2 else 0, 50_000 if m >= 11 else 0, 0) for m in range(1, 13)]
    running = 0
    for i, (month, realised, committed, _) in enumerate(rows):
        running += realised + committed
        rows[i] = (month, realised, committed, running)
    months = cumulative(list(reversed(rows)))
    assert [m.name for m in months[:2]] == ["januari 2026", "februari 2026"]
    assert [m.realised_to_date for m in months][-1] == 200_000 and months[-1].forecast_to_date == 300_000
    chart = budget_chart(months, budget=400_000)
    dec = chart.bars[-1]
    assert chart.budget_y < dec.committed_y  # December's forecast (3,000) stays under the budget (4,000)
    assert dec.realised_height == pytest.approx(2 * dec.committed_height, abs=0.2)  # 2,000 realised, 1,000 committed
    assert chart.ticks[0].label == "€ 0" and chart.ticks[-1].y == pytest.approx(charts.TOP)
    assert [b.label for b in chart.bars[:3]] == ["jan", "feb", "mrt"]


def test_the_axis_reads_in_round_steps_in_dutch():
    assert nice_top(1_620_000_000) == 2_000_000_000 and nice_top(810_000_000) == 1_000_000_000
    assert nice_top(3_600_000_00) == 4_000_000_00 and nice_top(0) >= 400
    assert [axis_euro(c) for c in (0, 25_000_000, 250_000_000, 1_000_000_000)] == [
        "€ 0", "€ 250.000", "€ 2,5 mln", "€ 10 mln"]


def test_a_usage_bar_past_the_ceiling_grows_its_scale_so_100_percent_stays_in_sight():
    under = usage_bar(ceiling=1000, approved=600, held=200, thresholds=[80, 95])
    assert (under.approved_width, under.held_width) == (144.0, 48.0)
    assert [p for _, p in under.ticks] == [80, 95, 100] and under.ticks[-1][0] == under.width
    over = usage_bar(ceiling=1000, approved=1500, held=500, thresholds=[80])
    assert over.approved_width + over.held_width == pytest.approx(over.width)
    assert over.ticks[-1] == (120.0, 100)  # 100 % at half the bar when usage is 200 %
