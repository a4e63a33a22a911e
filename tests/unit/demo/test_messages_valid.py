"""Injected mistakes are matching errors: every generated message is valid XML (level 1) with
valid content (level 2), so a matcher sees every line."""

from __future__ import annotations

from shared.ijw import check, decode, encode


def test_every_message_encodes_and_decodes_to_the_same_model(scenario):
    for outgoing in scenario.messages:
        assert decode(encode(outgoing.message)) == outgoing.message


def test_every_message_passes_the_level_2_rules(scenario):
    findings = {o.message.header.message_id.identification: check(o.message) for o in scenario.messages}
    assert {ident: f for ident, f in findings.items() if f} == {}


def test_each_declaration_total_is_the_signed_sum_of_its_lines(scenario):
    for outgoing in scenario.messages:
        if outgoing.message.code == "323":
            declaration = outgoing.message.declaration
            lines = [line for client in declaration.clients for line in client.lines]
            assert declaration.total.signed == sum(line.amount.signed for line in lines)  # TR358
            assert [e.amount for e in outgoing.lines] == [line.amount.signed for line in lines]


def test_the_scenario_sends_requests_allocations_starts_stops_and_declarations(scenario):
    codes = {o.message.code for o in scenario.messages}
    assert codes == {"315", "301", "305", "307", "323"}
