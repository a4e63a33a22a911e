"""A line the generator expects to be approved fits its allocation and its contract, checked
here against the region file itself (ijw-3.2.md §12.4, §12.6)."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from services.demo.scenario import Scenario


def _approved_debets(scenario: Scenario):
    allocations = {(a.municipality, a.number): a for a in scenario.plan.allocations}
    for outgoing in scenario.messages:
        if outgoing.message.code != "323":
            continue
        lines = {line.reference: line for c in outgoing.message.declaration.clients for line in c.lines}
        for expected in outgoing.lines:
            line = lines[expected.reference]
            if expected.approves and not line.amount.credit:
                yield outgoing, expected, line, allocations[(outgoing.receiver, line.allocation_number)]


def _half_up(value: Decimal) -> int:
    return int(value.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def test_an_approved_line_lies_in_its_allocation_for_its_client_and_product(scenario):
    for outgoing, expected, line, a in _approved_debets(scenario):
        assert (a.provider, a.client.bsn) == (outgoing.sender, expected.bsn)
        assert (line.category, line.product_code) == (a.offer.category, a.offer.code)
        assert a.start <= line.period.start <= line.period.end
        assert a.end is None or line.period.end <= a.end
        assert (line.period.start.year, line.period.start.month) == (line.period.end.year, line.period.end.month)
        assert line.period.end <= outgoing.message.declaration.period.end


def test_an_approved_line_has_the_contract_tariff_and_amount_volume_times_tariff(region, scenario):
    tariffs = {(c["provider"], t["product"]): t["cents"] for c in region.contracts for t in c["tariffs"]}
    in_minutes = 0
    for outgoing, _, line, a in _approved_debets(scenario):
        contract = tariffs[(outgoing.sender, line.product_code)]
        if a.extent.unit == "04" and line.unit == "01":  # minutes against an hour tariff (§12.6)
            in_minutes += 1
            assert line.tariff == _half_up(Decimal(contract) / 60)
            assert line.amount.cents == _half_up(Decimal(contract * line.volume) / 60)
        else:
            assert line.unit == a.extent.unit and line.tariff == contract
            assert line.amount.cents == line.volume * contract
    assert in_minutes > 0
