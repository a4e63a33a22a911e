"""The matcher's level-2 rules (0001) and the iJw rule set of `happyflow ijw check` and the
gateway agree on every JW323: the JW325 never says 0001 for a message the status calls valid, and
the violations the status lists are the ones that made it 0001."""

from dataclasses import replace
from pathlib import Path

import pytest

from services.invoicing.adapters.ijw import declaration_from_jw323
from services.invoicing.domain.message_rules import message_violations
from shared.ijw import check, decode
from shared.ijw.model.basis import Amount
from shared.ijw.model.declaration import DeclarationClient
from tests.ijw import story

EXAMPLES = Path(__file__).resolve().parents[3] / "examples" / "ijw"
JW323S = sorted(p for p in EXAMPLES.rglob("JW323*.xml") if "CS319" not in p.stem)  # CS319: the XSD refuses it


def both(message) -> tuple[set[str], set[str]]:
    return set(message_violations(declaration_from_jw323(message))), {f.rule for f in check(message)}


@pytest.mark.parametrize("path", JW323S, ids=lambda p: p.stem)
def test_the_matcher_and_the_rule_set_agree_on_every_example(path):
    ours, published = both(decode(path.read_bytes()))
    assert ours == published


def test_a_credit_of_a_credit_in_the_same_message_is_tr316_for_both():
    credit = story.line(reference="R101", previous_reference="R050", amount=Amount(60000, credit=True))
    again = story.line(reference="R102", previous_reference="R101", amount=Amount(60000, credit=True))
    assert both(story.jw323(credit, again)) == ({"TR316"}, {"TR316"})


def test_one_allocation_declared_under_two_clients_is_not_tr416_for_either():
    message = story.jw323()
    other = DeclarationClient("999990019", (story.line(reference="R200"),))
    clients = (*message.declaration.clients, other)
    message = replace(message, declaration=replace(message.declaration, clients=clients,
                                                   total=Amount(120000)))
    assert both(message) == (set(), set())
