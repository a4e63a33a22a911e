"""The traffic is sent in an order a gemeente can follow: allocations before the declarations
that name them, corrections only after the answers, keys unique where the standard says so."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

from services.demo.outgoing import FOLLOW_UPS
from shared.ijw.model.basis import Amount


def test_every_allocation_is_sent_in_a_jw301_before_any_declaration_names_it(scenario):
    sent: set[tuple[str, int]] = set()
    for outgoing in scenario.messages:
        if outgoing.message.code == "301":
            sent |= {(outgoing.sender, a.number) for a in outgoing.message.client.allocations}
        if outgoing.message.code == "323":
            named = {(outgoing.receiver, line.allocation_number) for line in outgoing.lines
                     if line.mistake != "missing_allocation"}
            assert named <= sent
    allocations = (*scenario.plan.allocations, *scenario.returning)
    assert {(a.municipality, a.number) for a in allocations} == sent


def test_a_jw301_holds_one_clients_allocations_at_one_provider(scenario):
    owners = {(a.municipality, a.number): (a.provider, a.client.bsn)
              for a in (*scenario.plan.allocations, *scenario.returning)}
    for outgoing in scenario.messages:
        if outgoing.message.code == "301":
            client = outgoing.message.client
            owner = {owners[(outgoing.sender, a.number)] for a in client.allocations}
            assert owner == {(outgoing.receiver, client.bsn)}


def test_a_credit_repeats_an_approved_debet_of_an_earlier_message_and_waits_for_its_answer(corrected, region):
    """IV085: only a debet whose JW325 went out is credited; one whose declaration still waits for
    a person (a held line) is not, yet."""
    approved, credits, rejecting = {}, 0, set(region.policy.reject)
    for outgoing in corrected.messages:
        if outgoing.message.code != "323":
            continue
        expected = {e.reference: e for e in outgoing.lines}
        answered = all(e.approves or rejecting & set(e.codes) for e in outgoing.lines)  # no line waits
        for line in (x for c in outgoing.message.declaration.clients for x in c.lines):
            if line.amount.credit:
                credits += 1
                original, original_answered = approved.pop((outgoing.sender, line.previous_reference))
                assert outgoing.step == FOLLOW_UPS and outgoing.after_answers and original_answered
                assert original.amount == Amount(line.amount.cents)
                assert replace(line, reference=original.reference, previous_reference=None,
                               amount=original.amount) == original
            elif expected[line.reference].approves:
                approved[(outgoing.sender, line.reference)] = (line, answered)
    assert credits > 0 and not all(answered for _, answered in approved.values())


def test_identifications_references_and_numbers_are_unique(scenario):
    sent = scenario.messages
    messages = Counter((o.sender, o.message.code, o.message.header.message_id.identification) for o in sent)
    references = Counter((o.sender, line.reference) for o in sent for line in o.lines)
    declarations = Counter((o.sender, o.message.declaration.number) for o in sent if o.message.code == "323")
    allocations = Counter((a.municipality, a.number) for a in (*scenario.plan.allocations, *scenario.returning))
    for counter in (messages, references, declarations, allocations):
        assert counter.most_common(1)[0][1] == 1
