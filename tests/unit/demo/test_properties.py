"""For any seed, size and error rates: the messages are valid and a clean line approves."""

from __future__ import annotations

from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from services.demo.options import ErrorRates, GeneratorOptions
from services.demo.scenario import build_scenario
from shared.ijw import check

rates = st.builds(ErrorRates, *[st.floats(0, 0.3) for _ in range(6)])
options = st.builds(GeneratorOptions, municipalities=st.integers(1, 3), providers=st.integers(1, 6),
                    clients=st.integers(1, 6), months=st.integers(1, 3),
                    first_month=st.sampled_from([date(2026, m, 1) for m in range(1, 11)]),
                    error_rates=rates, seed=st.integers(0, 2**32))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(options=options)
def test_any_scenario_is_valid_at_level_2_and_its_clean_lines_approve(region, options):
    scenario = build_scenario(region, options)
    assert all(check(outgoing.message) == [] for outgoing in scenario.messages)
    assert all(line.approves for line in scenario.lines if line.mistake in (None, "correction"))
