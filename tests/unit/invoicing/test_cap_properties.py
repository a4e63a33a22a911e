"""Properties of the §12.5 cap algorithms over generated allocations."""

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from services.invoicing.domain.allocation import Extent, Frequency
from services.invoicing.domain.calendar_counts import month_of
from services.invoicing.domain.declaration import Unit
from services.invoicing.domain.volume_caps import period_cap, total_cap
from tests.unit.invoicing.builders import version

effort_frequencies = st.sampled_from([Frequency.PER_WEEK, Frequency.PER_MONTH, Frequency.PER_DAY])
spans = st.tuples(st.dates(date(2024, 1, 1), date(2027, 12, 31)), st.integers(0, 500))


def month_caps(allocated):
    day, caps = allocated.start.replace(day=1), []
    while day <= allocated.end:
        caps.append(period_cap(allocated, month_of(day)))
        day = month_of(day).end + timedelta(days=1)
    return caps


@settings(max_examples=200, derandomize=True)
@given(spans, st.integers(1, 50))
def test_weekly_output_caps_per_month_add_up_to_the_total_cap(span, volume):
    start, length = span
    allocated = version(start=start, end=start + timedelta(days=length),
                        extent=Extent(volume, Unit.PIECES_OUTPUT, Frequency.PER_WEEK))
    assert sum(month_caps(allocated)) == total_cap(allocated)  # IV076: each week counted once


@settings(max_examples=200, derandomize=True)
@given(spans, st.integers(1, 50), effort_frequencies)
def test_effort_caps_per_month_never_add_up_to_less_than_the_total_cap(span, volume, frequency):
    start, length = span
    allocated = version(start=start, end=start + timedelta(days=length),
                        extent=Extent(volume, Unit.HOUR, frequency))
    assert sum(month_caps(allocated)) >= total_cap(allocated)  # IV077: boundary weeks count twice
