"""Each injected mistake earns the codes the matcher should give (ijw-3.2.md §12, design.md §5),
and the error rates give roughly the asked shares."""

from __future__ import annotations

from dataclasses import replace

from services.demo.options import ErrorRates
from services.demo.outgoing import DECLARATIONS
from services.demo.scenario import build_scenario
from tests.unit.demo.conftest import SMALL

EARNS = {
    "missing_allocation": lambda codes: codes == {"9338"},
    "expired_allocation": lambda codes: codes in ({"9308", "9388"}, {"9308", "9321"}, {"9308", "9321", "9322"}),
    "wrong_tariff": lambda codes: codes in ({"0611"}, {"9346"}, {"0611", "9346"}),
    "volume_overrun": lambda codes: bool(codes) and codes <= {"9321", "9322"},
    "duplicate": lambda codes: "9389" in codes and codes <= {"9389", "9321", "9322"},
    "correction": lambda codes: not codes,
    None: lambda codes: not codes,
}


def test_each_mistake_earns_its_retourcodes_and_a_clean_line_approves(scenario, corrected):
    lines = scenario.lines + corrected.lines
    assert {line.mistake for line in lines} == set(EARNS)
    wrong = [(line.mistake, line.codes) for line in lines if not EARNS[line.mistake](set(line.codes))]
    assert wrong == []


def test_without_error_rates_every_line_is_expected_to_approve(region):
    scenario = build_scenario(region, replace(SMALL, error_rates=ErrorRates.none()))
    assert scenario.lines and all(line.approves and line.mistake is None for line in scenario.lines)


def test_error_rates_give_roughly_the_asked_shares(region):
    rates = ErrorRates(0.05, 0.04, 0.05, 0.03, 0.03, 0.04)
    scenario = build_scenario(region, replace(SMALL, municipalities=5, clients=200, error_rates=rates))
    first_time = [line for m in scenario.messages if m.step == DECLARATIONS for line in m.lines]
    approved = sum(line.approves for line in first_time)
    count = {kind: sum(line.mistake == kind for line in scenario.lines) for kind in vars(rates)}
    shares = {kind: count[kind] / len(first_time) for kind in ("missing_allocation", "expired_allocation",
                                                                "wrong_tariff", "volume_overrun")}
    shares["duplicate"] = count["duplicate"] / approved
    assert len(first_time) > 2000
    for kind, share in shares.items():
        assert 0.6 * getattr(rates, kind) <= share <= 1.4 * getattr(rates, kind), kind


def test_the_correction_rate_gives_roughly_its_share_of_the_lines_a_jw325_approved(region):
    """Only declarations answered at once can be corrected (IV085): here every line is clean."""
    rates = ErrorRates(0, 0, 0, 0, 0.03, 0.04)
    scenario = build_scenario(region, replace(SMALL, municipalities=5, clients=200, error_rates=rates))
    first_time = [line for m in scenario.messages if m.step == DECLARATIONS for line in m.lines]
    credits = sum(line.mistake == "correction" and line.amount < 0 for line in scenario.lines)
    assert 0.6 * rates.correction <= credits / len(first_time) <= 1.4 * rates.correction
